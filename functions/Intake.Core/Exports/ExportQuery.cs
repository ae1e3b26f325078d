using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Taxonomy;

namespace Intake.Core.Exports;

/// <summary>
/// Reads <c>GET /api/admin/exports/reports</c>'s query string: <c>from</c>, <c>to</c> (UTC days of
/// receipt, default the 30 days up to today), <c>country</c>, <c>admin1</c>, <c>category</c>,
/// <c>status</c> (default <c>processed</c>), <c>format</c> (<c>csv</c>, <c>geojson</c>, <c>ndjson</c>;
/// default csv), <c>includePersonal</c> and <c>bom</c>. An unknown parameter is refused, so a typo
/// never widens an export silently.
/// </summary>
internal static class ExportQuery
{
    /// <summary>The days exported when <c>from</c> is not given: <c>to</c> and the 29 days before it.</summary>
    public const int DefaultDays = 30;

    private static readonly string[] Known = ["from", "to", "country", "admin1", "category", "status", "format", "includePersonal", "bom"];

    private static readonly string[] Statuses =
        [ReportStatus.Processed, ReportStatus.Received, ReportStatus.Failed, ReportStatus.NeedsReview, ReportStatus.Encrypted];

    /// <summary>The request, or the problem naming the first bad parameter.</summary>
    public static (ExportRequest? Request, ExportRefusal? Refusal) Parse(IQueryCollection query, DateOnly today, int maxDays, CategoryTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(taxonomy);
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return Bad(unknown, $"Unknown parameter. Known: {string.Join(", ", Known)}.");
        }

        var format = ExportFormat.Csv;
        if (Single(query, "format") is { } formatText && !TryFormat(formatText, out format))
        {
            return Bad("format", "Must be csv, geojson or ndjson.");
        }

        var (from, to, rangeError) = Range(Single(query, "from"), Single(query, "to"), today, maxDays);
        if (rangeError is not null)
        {
            return (null, rangeError);
        }

        var country = Single(query, "country")?.Trim().ToUpperInvariant();
        if (country is not null && !CountryCodes.All.Contains(country))
        {
            return (null, new ExportRefusal(ProblemCatalog.UnknownFilterCode, "country", "Must be an assigned ISO 3166-1 alpha-2 code, e.g. SD."));
        }

        var category = Single(query, "category")?.Trim();
        if (category is not null && taxonomy.Find(category) is null)
        {
            return (null, new ExportRefusal(ProblemCatalog.UnknownFilterCode, "category", "Must be a category code of /api/schema/report."));
        }

        IReadOnlyList<string> statuses = [ReportStatus.Processed];
        if (query.TryGetValue("status", out var statusValues))
        {
            statuses = [.. statusValues.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];
            if (statuses.Count == 0 || statuses.Any(s => !Statuses.Contains(s, StringComparer.Ordinal)))
            {
                return Bad("status", $"Must be one or more of {string.Join(", ", Statuses)}.");
            }
        }

        if (!TryFlag(query, "includePersonal", out var includePersonal))
        {
            return Bad("includePersonal", "Must be true or false.");
        }

        if (!TryFlag(query, "bom", out var bom))
        {
            return Bad("bom", "Must be true or false.");
        }

        var admin1 = Single(query, "admin1")?.Trim();
        if (admin1 is { Length: 0 or > 200 })
        {
            return Bad("admin1", "Must be 1 to 200 characters.");
        }

        var selection = new ExportSelection(from, to, country, admin1, category, statuses);
        return (new ExportRequest(selection, format, includePersonal, bom), null);
    }

    /// <summary>Checks a range of days of receipt: <c>from</c> on or before <c>to</c>, at most <paramref name="maxDays"/> days in all.</summary>
    public static (DateOnly From, DateOnly To, ExportRefusal? Error) Range(string? fromText, string? toText, DateOnly today, int maxDays)
    {
        const string DayFormat = "Must be a day as yyyy-MM-dd.";
        var to = today;
        if (toText is not null && !TryDay(toText, out to))
        {
            return (default, default, Invalid("to", DayFormat));
        }

        var from = to.AddDays(-(Math.Min(DefaultDays, maxDays) - 1));
        if (fromText is not null && !TryDay(fromText, out from))
        {
            return (default, default, Invalid("from", DayFormat));
        }

        if (from > to)
        {
            return (default, default, Invalid("from", "Must be on or before 'to'."));
        }

        if (to.DayNumber - from.DayNumber >= maxDays)
        {
            return (default, default, Invalid("to", $"The range may cover at most {maxDays} days (Intake__ExportMaxDays)."));
        }

        return (from, to, null);
    }

    private static bool TryFormat(string text, out ExportFormat format)
    {
        format = text.Trim().ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "geojson" => ExportFormat.GeoJson,
            "ndjson" => ExportFormat.NdJson,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    private static bool TryFlag(IQueryCollection query, string name, out bool value)
    {
        value = false;
        return Single(query, name) is not { } text || bool.TryParse(text, out value);
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static (ExportRequest?, ExportRefusal?) Bad(string field, string detail) => (null, Invalid(field, detail));

    private static ExportRefusal Invalid(string field, string detail) => new(ProblemCatalog.InvalidParameter, field, detail);
}
