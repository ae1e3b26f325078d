namespace Intake.Core.Storage;

/// <summary>
/// The non-personal facts of a processed report that the index keeps for queries and digests.
/// Narrative, reporter id and contact are deliberately absent: they stay in the raw blob only.
/// </summary>
public sealed record ReportClassification(
    string Category,
    IReadOnlyList<string> RiskFactors,
    int Severity,
    DateOnly OccurredOn,
    string OccurredAtPrecision,
    string? Country,
    string? Admin1,
    int? Killed,
    int? Injured,
    string SourceType,
    string PerpetratorType);
