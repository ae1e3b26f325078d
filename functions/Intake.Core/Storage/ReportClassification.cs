using Intake.Core.Places;

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
    string PerpetratorType)
{
    /// <summary>
    /// Where the report is, resolved against the gazetteer at processing time (area code, how, flags);
    /// null for rows processed before places were resolved. <see cref="Country"/> and <see cref="Admin1"/>
    /// stay as the report stated them.
    /// </summary>
    public PlaceResolution? Place { get; init; }

    /// <summary>
    /// The incident's latitude as stored on the index row (written with <see cref="Facts"/>); read
    /// back for the console's map, which rounds it to <see cref="PointDecimals"/> decimals (about a
    /// kilometre). Null for rows processed before points were kept.
    /// </summary>
    public double? Latitude { get; init; }

    /// <summary>The incident's longitude, as <see cref="Latitude"/>.</summary>
    public double? Longitude { get; init; }

    /// <summary>The decimals the console's map shows of <see cref="Latitude"/> and <see cref="Longitude"/>.</summary>
    public const int PointDecimals = 2;

    /// <summary>The other non-personal fields exports read, with the reporter's consent to share; null on rows processed before exports.</summary>
    public ReportFacts? Facts { get; init; }
}
