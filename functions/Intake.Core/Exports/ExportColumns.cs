namespace Intake.Core.Exports;

/// <summary>
/// The fields of an export, by name, in order: one list for the CSV header, the JSON properties and
/// the OData metadata, so the formats cannot drift apart. Multi-valued fields are lists here; CSV
/// joins them with <c>;</c>.
/// </summary>
internal static class ExportColumns
{
    /// <summary>A field: its name, its OData type, and how to read it.</summary>
    public sealed record Column(string Name, string EdmType, Func<ExportedReport, object?> Read);

    /// <summary>The non-personal fields.</summary>
    public static readonly IReadOnlyList<Column> Standard =
    [
        new("id", "Edm.Guid", r => r.Id),
        new("receivedAt", "Edm.DateTimeOffset", r => r.ReceivedAt),
        new("occurredAt", "Edm.String", r => r.OccurredAt),
        new("occurredAtPrecision", "Edm.String", r => r.OccurredAtPrecision),
        new("latitude", "Edm.Double", r => r.Latitude),
        new("longitude", "Edm.Double", r => r.Longitude),
        new("accuracyMeters", "Edm.Double", r => r.AccuracyMeters),
        new("country", "Edm.String", r => r.Country),
        new("admin1", "Edm.String", r => r.Admin1),
        new("admin2", "Edm.String", r => r.Admin2),
        new("placeName", "Edm.String", r => r.PlaceName),
        new("areaCode", "Edm.String", r => r.AreaCode),
        new("category", "Edm.String", r => r.Category),
        new("riskFactors", "Collection(Edm.String)", r => r.RiskFactors),
        new("severity", "Edm.Int32", r => r.Severity),
        new("killed", "Edm.Int32", r => r.Killed),
        new("injured", "Edm.Int32", r => r.Injured),
        new("perpetratorType", "Edm.String", r => r.PerpetratorType),
        new("victimGroups", "Collection(Edm.String)", r => r.VictimGroups),
        new("sourceType", "Edm.String", r => r.SourceType),
        new("language", "Edm.String", r => r.Language),
        new("status", "Edm.String", r => r.Status),
        new("source", "Edm.String", r => r.Source),
        new("processedAt", "Edm.DateTimeOffset", r => r.ProcessedAt),
        new("processingSeconds", "Edm.Double", r => r.ProcessingSeconds),
        new("attachmentCount", "Edm.Int32", r => r.AttachmentSha256s.Count),
        new("attachmentSha256s", "Collection(Edm.String)", r => r.AttachmentSha256s),
    ];

    /// <summary>The personal fields: only in admin exports that ask for them.</summary>
    public static readonly IReadOnlyList<Column> Personal =
    [
        new("narrative", "Edm.String", r => r.Personal?.Narrative),
        new("reporterId", "Edm.String", r => r.Personal?.ReporterId),
        new("reporterContact", "Edm.String", r => r.Personal?.ReporterContact),
    ];

    /// <summary>The columns of an export.</summary>
    public static IReadOnlyList<Column> For(bool includePersonal) => includePersonal ? [.. Standard, .. Personal] : Standard;

    /// <summary>A value as CSV text: invariant numbers, ISO 8601 UTC times, lists joined by <c>;</c>, empty for none.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => string.Join(';', list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
