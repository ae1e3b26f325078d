using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// Which index rows <c>GET /api/admin/reports</c> lists: the days of receipt
/// <see cref="From"/> to <see cref="To"/> (UTC, inclusive), rows with one of <see cref="Statuses"/>,
/// at most <see cref="Max"/> of them.
/// </summary>
/// <param name="From">First UTC day of receipt.</param>
/// <param name="To">Last UTC day of receipt.</param>
/// <param name="Statuses">The statuses to list, each one of <see cref="AttentionStatuses"/>.</param>
/// <param name="Max">At most this many rows (1 to <see cref="MaxRows"/>).</param>
public sealed record ReportListQuery(DateOnly From, DateOnly To, IReadOnlyList<string> Statuses, int Max = ReportListQuery.DefaultMax)
{
    /// <summary>The widest range of days one request may read.</summary>
    public const int MaxDays = 31;

    /// <summary>The days listed when <c>from</c> is not given: <c>to</c> and the six days before it.</summary>
    public const int DefaultDays = 7;

    /// <summary>Rows answered when <c>max</c> is not given.</summary>
    public const int DefaultMax = 100;

    /// <summary>The largest <c>max</c>.</summary>
    public const int MaxRows = 1000;

    /// <summary>
    /// The statuses that need an admin's attention, the default filter; <c>processed</c> is not
    /// listed here (the digest counts those).
    /// </summary>
    public static IReadOnlyList<string> AttentionStatuses { get; } =
        [ReportStatus.Failed, ReportStatus.NeedsReview, ReportStatus.Encrypted, ReportStatus.Received];

    /// <summary>
    /// Reads the query string: <c>from</c> and <c>to</c> as <c>yyyy-MM-dd</c> (default: the
    /// <see cref="DefaultDays"/> days up to today, UTC), <c>status</c> as one or more of
    /// <see cref="AttentionStatuses"/> (comma-separated or repeated; default all of them) and
    /// <c>max</c> (default <see cref="DefaultMax"/>). Other parameters are ignored.
    /// </summary>
    /// <param name="query">The query string.</param>
    /// <param name="today">Today (UTC), the default <c>to</c>.</param>
    /// <param name="result">The query, when valid.</param>
    /// <param name="error">The first invalid parameter and why, when not.</param>
    /// <returns>True when the query string is valid.</returns>
    public static bool TryParse(IQueryCollection query, DateOnly today, out ReportListQuery? result, out (string Field, string Detail) error)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = null;
        error = default;
        const string DayFormat = "Must be a day as yyyy-MM-dd.";

        var to = today;
        if (query.TryGetValue("to", out var toText) && !TryDay(toText, out to))
        {
            error = ("to", DayFormat);
            return false;
        }

        var from = to.DayNumber >= DefaultDays - 1 ? to.AddDays(-(DefaultDays - 1)) : DateOnly.MinValue;
        if (query.TryGetValue("from", out var fromText) && !TryDay(fromText, out from))
        {
            error = ("from", DayFormat);
            return false;
        }

        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
        {
            error = ("from", $"Must be on or before 'to' ({to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) and at most {MaxDays - 1} days earlier ({MaxDays} days in all).");
            return false;
        }

        IReadOnlyList<string> statuses = AttentionStatuses;
        if (query.TryGetValue("status", out var statusValues))
        {
            var named = statusValues
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries))
                .ToList();
            if (named.Count == 0 || named.Any(s => !AttentionStatuses.Contains(s, StringComparer.Ordinal)))
            {
                error = ("status", $"Must be one or more of {string.Join(", ", AttentionStatuses)} (comma-separated).");
                return false;
            }

            // In the canonical order, each once.
            statuses = AttentionStatuses.Where(named.Contains).ToList();
        }

        var max = DefaultMax;
        if (query.TryGetValue("max", out var maxText)
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxRows))
        {
            error = ("max", $"Must be 1 to {MaxRows}.");
            return false;
        }

        result = new ReportListQuery(from, to, statuses, max);
        return true;
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
