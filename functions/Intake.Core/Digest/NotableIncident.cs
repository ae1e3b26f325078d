namespace Intake.Core.Digest;

/// <summary>
/// A notable incident received on the day. Deliberately without narrative, reporter id or
/// contact: only what the index keeps of a report.
/// </summary>
public sealed record NotableIncident(
    Guid ReportId,
    string Category,
    string Country,
    string Admin1,
    DateOnly OccurredOn,
    string OccurredAtPrecision,
    int Severity,
    int Killed,
    int Injured,
    string SourceType)
{
    /// <summary>The area's name (English) when <see cref="Admin1"/> is an ISO 3166-2 code.</summary>
    public string? Admin1Name { get; init; }

    /// <summary>The reporter consented to sharing the report with partners; when false, only internal recipients see this line.</summary>
    public bool SharedWithPartners { get; init; }
}
