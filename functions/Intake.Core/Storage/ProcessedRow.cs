namespace Intake.Core.Storage;

/// <summary>One report's processed state, to be merged into its index row.</summary>
// History: the attempts before this one, from the row as read; null when the row was not read (the history is then left as it is).
// IfMatch: the row's version as read (or as intake added it); the write fails with 412 if the row changed since.
internal sealed record ProcessedRow(DateOnly ReceivedOn, Guid ReportId, ReportClassification Classification, int Attempts, DateTimeOffset ProcessedAt, ETag IfMatch, IReadOnlyList<ProcessingAttempt>? History = null);
