namespace Intake.Core.Digest.Flash;

/// <summary>
/// Settings of the flash alerts (<c>Flash__*</c>): what cannot wait for the next digest, pushed
/// to webhooks and opted-in subscribers as soon as a report is processed. Defaults in code.
/// </summary>
public sealed class FlashOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Flash";

    /// <summary>False turns flash alerts off (nothing is evaluated or sent).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rule <c>mass-casualty</c>: a report of at least this severity ...</summary>
    [Range(1, 5)]
    public int MinSeverity { get; set; } = 5;

    /// <summary>... with at least this many killed.</summary>
    [Range(0, 100_000)]
    public int MinKilled { get; set; } = 10;

    /// <summary>Rule <c>humanitarian-attack</c>: a report whose category signals this risk factor (RF14: threats to humanitarian or peacekeeping operations).</summary>
    [Required]
    [RegularExpression("^RF([1-9]|1[0-4])$")]
    public string RiskFactor { get; set; } = "RF14";

    /// <summary>At most one flash per (area, rule) in this window.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a failing delivery is retried before it is dead-lettered.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "6.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first retry's delay; each next one doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest delay between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one webhook POST may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
