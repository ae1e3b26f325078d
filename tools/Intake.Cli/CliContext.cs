namespace Intake.Cli;

/// <summary>What every command needs: the console to write to and the API client its global options describe.</summary>
public sealed class CliContext(IAnsiConsole console, Func<string, string?> environment, HttpMessageHandler? handler)
{
    /// <summary>Default endpoint: the local self-host (and <c>func start</c>).</summary>
    public const string DefaultEndpoint = "http://localhost:7071";

    /// <summary>The endpoint's environment variable.</summary>
    public const string EndpointVariable = "INTAKE_ENDPOINT";

    /// <summary>The token's environment variable.</summary>
    public const string TokenVariable = "INTAKE_TOKEN";

    /// <summary>The console.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary><c>--endpoint</c>, on every command.</summary>
    public Option<string?> Endpoint { get; } = new("--endpoint", "-e")
    {
        Description = $"Base URL of the Intake API (self-host or Azure Function App). Default: ${EndpointVariable}, else {DefaultEndpoint}.",
        Recursive = true,
    };

    /// <summary><c>--token</c>, on every command.</summary>
    public Option<string?> Token { get; } = new("--token", "-t")
    {
        Description = $"Admin token (or Entra ID access token). Default: ${TokenVariable}. Prefer the variable: options show in shell history.",
        Recursive = true,
    };

    /// <summary>A client for the endpoint and token the command line (or environment) names.</summary>
    public IntakeApiClient CreateClient(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var endpoint = parse.GetValue(Endpoint) ?? environment(EndpointVariable) ?? DefaultEndpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"The endpoint '{endpoint}' is not an http(s) URL.", 2);
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            // The admin token travels in every request; over plain http anyone on the path reads it.
            throw new CliException($"The endpoint '{endpoint}' is plain http: the token would cross the network in clear. Use https (http is only for localhost).", 2);
        }

        return new IntakeApiClient(uri, parse.GetValue(Token) ?? environment(TokenVariable), handler);
    }
}
