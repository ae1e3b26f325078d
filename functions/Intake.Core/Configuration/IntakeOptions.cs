namespace Intake.Core.Configuration;

/// <summary>Settings of the pipeline, bound from the <c>Intake</c> section (<c>Intake__*</c> app settings).</summary>
public sealed class IntakeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake";

    /// <summary>Largest accepted JSON report body, in bytes. A 10,000-character narrative fits.</summary>
    [Range(4_096, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How far in the future <c>occurredAt</c> may be.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Comma-separated category codes the processor refuses for now (for example while the
    /// taxonomy mapping of a category is under review). Their reports stay stored and end in the
    /// poison queue, to be reprocessed once the hold is lifted.
    /// </summary>
    public string HeldCategories { get; set; } = "";

    /// <summary>A report still <c>received</c> this long after its last touch is queued again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far back the reconciler looks for raw submissions without an index row, and for rows still
    /// <c>received</c> to re-drive. Must be longer than <see cref="RedriveAfter"/> (checked at start):
    /// otherwise a row leaves the window before it is stale and is never re-driven. Processing
    /// messages never expire, so a report received before the window keeps its last message.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ReconcileLookback { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Upper bound on one storage call made while a client waits for its answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The widest range of days of receipt one export or feed request may read.</summary>
    [Range(1, 3660)]
    public int ExportMaxDays { get; set; } = 366;

    /// <summary>Why <see cref="RedriveAfter"/> and <see cref="ReconcileLookback"/> do not fit together; null when they do.</summary>
    public string? RedriveProblem() =>
        RedriveAfter < ReconcileLookback
            ? null
            : $"Intake:RedriveAfter ({RedriveAfter}) must be shorter than Intake:ReconcileLookback ({ReconcileLookback}): the reconciler re-drives only rows within the look-back, so a longer re-drive delay would never re-drive anything.";

    /// <summary>The held categories as a set.</summary>
    public IReadOnlySet<string> HeldCategorySet =>
        HeldCategories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
}
