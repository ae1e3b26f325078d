using Intake.Cli;

return await IntakeCli.RunAsync(args, AnsiConsole.Console, Environment.GetEnvironmentVariable).ConfigureAwait(false);
