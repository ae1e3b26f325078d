namespace Intake.Core.Exports;

/// <summary>
/// One report as exports write it: the normalised, non-personal fields of its index row, its
/// attachments' hashes and, only when asked for by an admin, its personal fields.
/// </summary>
public sealed record ExportedReport
{
    /// <summary>The report id (the client's submission id).</summary>
    public required Guid Id { get; init; }

    /// <summary>When the raw submission was stored.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary><c>json</c> or <c>openrosa</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Index status (processed, failed, ...).</summary>
    public required string Status { get; init; }

    /// <summary>When processing ended.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Seconds from receipt to the end of processing.</summary>
    public double? ProcessingSeconds => ProcessedAt is { } at ? Math.Round((at - ReceivedAt).TotalSeconds, 3) : null;

    /// <summary>When it happened: an instant, or a date (<c>yyyy-MM-dd</c>) when only a date was given; null before processing.</summary>
    public string? OccurredAt { get; init; }

    /// <summary>minute, hour, day, week or month.</summary>
    public string? OccurredAtPrecision { get; init; }

    /// <summary>WGS84 latitude.</summary>
    public double? Latitude { get; init; }

    /// <summary>WGS84 longitude.</summary>
    public double? Longitude { get; init; }

    /// <summary>Accuracy of the point in metres.</summary>
    public double? AccuracyMeters { get; init; }

    /// <summary>ISO 3166-1 code as stated.</summary>
    public string? Country { get; init; }

    /// <summary>First-level area as stated (white space normalised).</summary>
    public string? Admin1 { get; init; }

    /// <summary>Second-level area as stated.</summary>
    public string? Admin2 { get; init; }

    /// <summary>Place name as stated.</summary>
    public string? PlaceName { get; init; }

    /// <summary>The ISO 3166-2 (or country) code the gazetteer resolved the report to.</summary>
    public string? AreaCode { get; init; }

    /// <summary>Category code.</summary>
    public string? Category { get; init; }

    /// <summary>UN Framework of Analysis risk factors of the category.</summary>
    public IReadOnlyList<string> RiskFactors { get; init; } = [];

    /// <summary>1 to 5.</summary>
    public int? Severity { get; init; }

    /// <summary>People killed, if known.</summary>
    public int? Killed { get; init; }

    /// <summary>People injured, if known.</summary>
    public int? Injured { get; init; }

    /// <summary>Perpetrator type.</summary>
    public string? PerpetratorType { get; init; }

    /// <summary>Victim groups.</summary>
    public IReadOnlyList<string> VictimGroups { get; init; } = [];

    /// <summary>eyewitness, victim, secondary or media.</summary>
    public string? SourceType { get; init; }

    /// <summary>Language tag of the report.</summary>
    public string? Language { get; init; }

    /// <summary>SHA-256 of each attachment.</summary>
    public IReadOnlyList<string> AttachmentSha256s { get; init; } = [];

    /// <summary>The personal fields; null unless the export includes them.</summary>
    public PersonalFields? Personal { get; init; }
}
