namespace Intake.Core.Storage;

/// <summary>One report's processed state, to be merged into its index row.</summary>
// History: the attempts before this one, from the row as read; null when the row was not read (the history is then left as it is).
internal sealed record ProcessedRow(DateOnly ReceivedOn, Guid ReportId, ReportClassification Classification, int Attempts, DateTimeOffset ProcessedAt, IReadOnlyList<ProcessingAttempt>? History = null);
