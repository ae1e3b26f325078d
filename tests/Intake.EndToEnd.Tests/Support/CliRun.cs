using Intake.Cli;
using Spectre.Console;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>Runs the <c>intake</c> CLI in process against a host, with endpoint and token set in its environment as an operator would, and captures what it prints.</summary>
internal static class CliRun
{
    /// <summary>Runs one command line; the output is plain text, 400 columns wide, so tables are not wrapped.</summary>
    public static async Task<(int Code, string Output)> RunAsync(Uri endpoint, string? token, string[] args, HttpMessageHandler? handler = null)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        var environment = new Dictionary<string, string?>
        {
            [CliContext.EndpointVariable] = endpoint.ToString(),
            [CliContext.TokenVariable] = token,
        };
        var code = await IntakeCli.RunAsync(args, console, name => environment.GetValueOrDefault(name), handler, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }
}
