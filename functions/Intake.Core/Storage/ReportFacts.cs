namespace Intake.Core.Storage;

/// <summary>
/// The rest of a processed report's non-personal fields, kept on the index row for exports so an
/// export never reads raw blobs (unless personal fields are asked for). Null on rows processed
/// before exports existed; reprocessing a report (requeue with force) fills them in.
/// </summary>
/// <param name="OccurredAt">The instant (or midnight UTC of the date) the incident happened.</param>
/// <param name="OccurredDateOnly">True when only a calendar date was given.</param>
/// <param name="Latitude">WGS84 latitude.</param>
/// <param name="Longitude">WGS84 longitude.</param>
/// <param name="AccuracyMeters">The location's accuracy, if given.</param>
/// <param name="Admin2">Second-level area as given.</param>
/// <param name="PlaceName">Place name as given.</param>
/// <param name="VictimGroups">Victim groups.</param>
/// <param name="Language">The report's language tag, if given.</param>
/// <param name="ShareWithPartners">The reporter's consent to share the report, without personal data, with partners.</param>
public sealed record ReportFacts(
    DateTimeOffset OccurredAt,
    bool OccurredDateOnly,
    double Latitude,
    double Longitude,
    double? AccuracyMeters,
    string? Admin2,
    string? PlaceName,
    IReadOnlyList<string> VictimGroups,
    string? Language,
    bool ShareWithPartners);
