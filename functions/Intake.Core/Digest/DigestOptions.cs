namespace Intake.Core.Digest;

/// <summary>Settings of the daily digest, bound from the <c>Digest</c> section (<c>Digest__*</c>).</summary>
public sealed class DigestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Digest";

    /// <summary>
    /// An alert rules file to use instead of the repository's <c>digest/alert-rules.json</c>
    /// embedded in the build; empty for the embedded one.
    /// </summary>
    public string AlertRulesPath { get; set; } = "";

    /// <summary>
    /// Where digest e-mails are written as <c>.eml</c> files while no SMTP host is configured;
    /// relative to the working directory.
    /// </summary>
    [Required]
    public string OutboxPath { get; set; } = ".outbox";

    /// <summary>How many days back the daily run compiles and sends digests that are missing.</summary>
    [Range(1, 31)]
    public int CatchUpDays { get; set; } = 7;
}
