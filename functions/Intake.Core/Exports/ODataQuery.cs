using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Taxonomy;

namespace Intake.Core.Exports;

/// <summary>
/// The OData subset of <c>GET /api/admin/odata/Reports</c>, as much as ODK Central offers BI tools:
/// <c>$filter</c> with clauses joined by <c>and</c> on <c>receivedAt</c> (<c>ge</c>, <c>gt</c>, <c>le</c>,
/// <c>lt</c>, a date or an ISO 8601 instant), <c>country eq '..'</c> and <c>category eq '..'</c>;
/// <c>$top</c>, <c>$skip</c> and <c>$format=json</c>. Anything else is refused, naming the parameter.
/// </summary>
internal static partial class ODataQuery
{
    /// <summary>Rows per page when <c>$top</c> is not given; the answer then carries <c>@odata.nextLink</c>.</summary>
    public const int PageSize = 1000;

    /// <summary>The largest <c>$top</c>.</summary>
    public const int MaxTop = 5000;

    /// <summary>The days read when <c>$filter</c> gives no lower bound on receivedAt.</summary>
    public const int DefaultDays = 366;

    /// <summary>What a request asks for.</summary>
    public sealed record Page(ExportSelection Selection, int Top, int Skip, bool ClientTop, string? Filter);

    public static (Page? Page, ExportRefusal? Refusal) Parse(IQueryCollection query, DateOnly today, int maxDays, CategoryTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Keys.FirstOrDefault(k => k is not ("$filter" or "$top" or "$skip" or "$format")) is { } unknown)
        {
            return Bad(unknown, "Not supported. This feed takes $filter, $top, $skip and $format=json.");
        }

        if (Value(query, "$format") is { } format && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return Bad("$format", "Only json is served.");
        }

        var clientTop = Value(query, "$top") is not null;
        if (!TryCount(Value(query, "$top"), PageSize, MaxTop, out var top))
        {
            return Bad("$top", $"Must be an integer from 0 to {MaxTop}.");
        }

        if (!TryCount(Value(query, "$skip"), 0, int.MaxValue, out var skip))
        {
            return Bad("$skip", "Must be a non-negative integer.");
        }

        var filter = Value(query, "$filter");
        DateTimeOffset? receivedFrom = null, receivedBefore = null;
        string? country = null, category = null;
        foreach (var clause in (filter ?? "").Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Clause().Match(clause);
            if (!match.Success)
            {
                return Bad("$filter", "Supported: receivedAt ge|gt|le|lt <date or date-time>, country eq '<ISO code>', category eq '<code>', joined by 'and'.");
            }

            var (property, op, literal) = (match.Groups["p"].Value, match.Groups["op"].Value, match.Groups["v"].Value);
            switch (property)
            {
                case "receivedAt" when TryInstant(literal, out var at, out var dateOnly):
                    switch (op)
                    {
                        case "ge": receivedFrom = Later(receivedFrom, at); break;
                        case "gt": receivedFrom = Later(receivedFrom, dateOnly ? at.AddDays(1) : at.AddTicks(1)); break;
                        case "lt": receivedBefore = Earlier(receivedBefore, at); break;
                        case "le": receivedBefore = Earlier(receivedBefore, dateOnly ? at.AddDays(1) : at.AddTicks(1)); break;
                        default: return Bad("$filter", "receivedAt takes ge, gt, le or lt.");
                    }

                    break;
                case "country" when op == "eq" && literal.StartsWith('\'') && CountryCodes.All.Contains(literal.Trim('\'').ToUpperInvariant()):
                    country = literal.Trim('\'').ToUpperInvariant();
                    break;
                case "category" when op == "eq" && literal.StartsWith('\'') && taxonomy.Find(literal.Trim('\'')) is not null:
                    category = literal.Trim('\'');
                    break;
                case "country" or "category" when op == "eq":
                    return (null, new ExportRefusal(ProblemCatalog.UnknownFilterCode, "$filter", $"Unknown {property} code (quote it: {property} eq '...')."));
                default:
                    return Bad("$filter", $"'{property} {op}' is not supported.");
            }
        }

        var to = receivedBefore is { } before ? DateOnly.FromDateTime(before.AddTicks(-1).UtcDateTime) : today;
        var from = receivedFrom is { } after ? DateOnly.FromDateTime(after.UtcDateTime) : to.AddDays(-(Math.Min(DefaultDays, maxDays) - 1));
        if (from > to)
        {
            return Bad("$filter", "The receivedAt range is empty.");
        }

        if (to.DayNumber - from.DayNumber >= maxDays)
        {
            return Bad("$filter", $"The receivedAt range may cover at most {maxDays} days.");
        }

        var selection = new ExportSelection(from, to, country, null, category, [ReportStatus.Processed])
        {
            ReceivedFrom = receivedFrom,
            ReceivedBefore = receivedBefore,
        };
        return (new Page(selection, top, skip, clientTop, filter), null);
    }

    [GeneratedRegex(@"^(?<p>[A-Za-z]+)\s+(?<op>eq|ge|gt|le|lt)\s+(?<v>'[^']*'|[0-9T:.+\-Z]+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Clause();

    private static bool TryInstant(string literal, out DateTimeOffset at, out bool dateOnly)
    {
        dateOnly = DateOnly.TryParseExact(literal, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        if (dateOnly)
        {
            at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at) && literal.Contains('T', StringComparison.Ordinal);
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static bool TryCount(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max);
    }

    private static string? Value(IQueryCollection query, string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;

    private static (Page?, ExportRefusal?) Bad(string field, string detail) => (null, new ExportRefusal(ProblemCatalog.InvalidParameter, field, detail));
}
