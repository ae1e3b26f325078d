namespace Intake.Infra.Tests.Support;

/// <summary>What one run of the Bicep CLI printed and returned.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams; Bicep writes its diagnostics to standard error.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>True when the CLI reported any warning or error (lint rules included).</summary>
    public bool HasDiagnostics =>
        Output.Contains("Warning", StringComparison.Ordinal) || Output.Contains("Error", StringComparison.Ordinal);
}
