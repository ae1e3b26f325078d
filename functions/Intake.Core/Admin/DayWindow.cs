namespace Intake.Core.Admin;

/// <summary>A range of UTC days of receipt, <see cref="From"/> to <see cref="To"/> inclusive: the index partitions an admin operation reads.</summary>
/// <param name="From">First UTC day of receipt.</param>
/// <param name="To">Last UTC day of receipt.</param>
public sealed record DayWindow(DateOnly From, DateOnly To)
{
    /// <summary>The days, newest first.</summary>
    public IEnumerable<DateOnly> NewestFirst()
    {
        for (var day = To.DayNumber; day >= From.DayNumber; day--)
        {
            yield return DateOnly.FromDayNumber(day);
        }
    }

    /// <summary>
    /// A window from optional ends: <paramref name="to"/> defaults to <paramref name="today"/>, <paramref name="from"/>
    /// to <paramref name="defaultDays"/> days ending at <c>to</c>; at most <paramref name="maxDays"/> days in all.
    /// </summary>
    /// <returns>The window, or the field (<c>from</c>) and why it is refused.</returns>
    internal static (DayWindow? Window, (string Field, string Detail) Error) Create(DateOnly? from, DateOnly? to, DateOnly today, int defaultDays, int maxDays)
    {
        var end = to ?? today;
        var start = from ?? (end.DayNumber >= defaultDays - 1 ? end.AddDays(-(defaultDays - 1)) : DateOnly.MinValue);
        if (start > end || end.DayNumber - start.DayNumber >= maxDays)
        {
            return (null, ("from", $"Must be on or before 'to' ({Text(end)}) and at most {maxDays - 1} days earlier ({maxDays} days in all)."));
        }

        return (new DayWindow(start, end), default);
    }

    /// <summary>Reads <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>) from a query string; see <see cref="Create"/>.</summary>
    internal static (DayWindow? Window, (string Field, string Detail) Error) Parse(IQueryCollection query, DateOnly today, int defaultDays, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateOnly? from = null, to = null;
        foreach (var name in (string[])["from", "to"])
        {
            if (!query.TryGetValue(name, out var text))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return (null, (name, "Must be a day as yyyy-MM-dd."));
            }

            if (name == "from")
            {
                from = day;
            }
            else
            {
                to = day;
            }
        }

        return Create(from, to, today, defaultDays, maxDays);
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
