namespace Intake.Core.Storage;

/// <summary>One report's processed state, to be merged into its index row.</summary>
internal sealed record ProcessedRow(DateOnly ReceivedOn, Guid ReportId, ReportClassification Classification, int Attempts, DateTimeOffset ProcessedAt);
