using Intake.Cli;
using Spectre.Console;

return await IntakeCli.RunAsync(args, AnsiConsole.Console, Environment.GetEnvironmentVariable).ConfigureAwait(false);
