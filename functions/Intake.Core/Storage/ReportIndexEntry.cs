namespace Intake.Core.Storage;

/// <summary>One row of the report index.</summary>
/// <param name="ReportId">Row key.</param>
/// <param name="ReceivedOn">Partition: the UTC day of receipt.</param>
/// <param name="Status">One of <see cref="ReportStatus"/>.</param>
/// <param name="ReceivedAt">When the raw submission was written.</param>
/// <param name="Source">How it arrived (<see cref="SubmissionSource"/>).</param>
/// <param name="Sha256">Hash of the raw submission.</param>
/// <param name="ContentLength">Size of the raw submission in bytes.</param>
/// <param name="Attempts">Processing attempts so far.</param>
/// <param name="LastError">The last processing error, without personal data.</param>
/// <param name="ProcessedAt">When processing last succeeded.</param>
/// <param name="Classification">Set once processed.</param>
/// <param name="Timestamp">Storage's last-modified time of the row.</param>
/// <param name="RedrivenAt">When the reconciler last queued it again, by the pipeline's clock.</param>
public sealed record ReportIndexEntry(
    Guid ReportId,
    DateOnly ReceivedOn,
    string Status,
    DateTimeOffset ReceivedAt,
    string Source,
    string Sha256,
    long ContentLength,
    int Attempts,
    string? LastError,
    DateTimeOffset? ProcessedAt,
    ReportClassification? Classification,
    DateTimeOffset? Timestamp,
    DateTimeOffset? RedrivenAt)
{
    /// <summary>Why the report needs review (status <see cref="ReportStatus.NeedsReview"/>); empty otherwise.</summary>
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];
    /// <summary>The id of the access token that submitted the report; null for reports sent before tokens existed.</summary>
    public string? SubmitterId { get; init; }

    /// <summary>The campaign whose web-form link sent the report; null for other reports.</summary>
    public string? Campaign { get; init; }

    /// <summary>When processing first failed, if it did.</summary>
    public DateTimeOffset? FirstFailedAt { get; init; }

    /// <summary>When the last error was recorded.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>The last processing attempts, oldest first (<see cref="AttemptHistory"/>).</summary>
    public IReadOnlyList<ProcessingAttempt> History { get; init; } = [];

    /// <summary>
    /// The row's version as read (its ETag): the processor writes to the row only as it read it, so that
    /// of two deliveries of one report only the first to finish writes the outcome.
    /// </summary>
    public ETag? ETag { get; init; }

    /// <summary>The later of the row's storage timestamp and its last re-drive.</summary>
    public DateTimeOffset? LastTouchedAt => RedrivenAt is { } redriven && (Timestamp is null || redriven > Timestamp) ? redriven : Timestamp;
}
