namespace Intake.Cli;

/// <summary>A failure to show the user as it is (no stack trace): a refused call, an unreachable endpoint, a bad option.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
