namespace Intake.Cli;

/// <summary>The <c>intake</c> admin command line: the admin HTTP API, with tables and progress.</summary>
public static class IntakeCli
{
    /// <summary>Parses and runs a command line; returns the exit code (0 ok, 1 failed call, 2 bad usage).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Where output goes.</param>
    /// <param name="environment">Reads <c>INTAKE_ENDPOINT</c> and <c>INTAKE_TOKEN</c>.</param>
    /// <param name="handler">An HTTP handler to use instead of the default one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, Func<string, string?> environment, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var cli = new CliContext(console, environment, handler);
        var root = new RootCommand("Operate an Intake deployment (self-host or Azure) through its admin API.")
        {
            cli.Endpoint,
            cli.Token,
            QueueCommands.Queues(cli),
            QueueCommands.Poison(cli),
            QueueCommands.Reports(cli),
            QueueCommands.Reconcile(cli),
            AuditCommand.Create(cli),
            TokenCommands.Create(cli),
            CampaignCommands.Create(cli),
            DigestCommands.Create(cli),
            SubscriberCommands.Create(cli),
            PlaceCommands.Create(cli),
            AlertCommands.Create(cli),
            FlashCommands.Create(cli),
            ExportCommands.Create(cli),
            KeyCommands.Create(cli),
            DecryptCommand.Create(cli),
        };

        var parse = root.Parse(args);
        var output = new StringWriter();
        try
        {
            var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
            console.Write(new Text(output.ToString()));
            return code;
        }
        catch (CliException e)
        {
            console.Write(new Text(output.ToString()));
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return e.ExitCode;
        }
    }
}
