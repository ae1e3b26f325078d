using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// The processed reports of a range of days of receipt, as points for the console's map: one
/// partition query per day, filtered by status in storage, newest day first, at most a maximum.
/// </summary>
public sealed class IncidentMap(ReportIndex index)
{
    /// <summary>Days read when <c>from</c> is not given.</summary>
    public const int DefaultDays = 28;

    /// <summary>The widest range one request may read.</summary>
    public const int MaxDays = 62;

    /// <summary>Points answered when <c>max</c> is not given.</summary>
    public const int DefaultMax = 2000;

    /// <summary>The largest <c>max</c>.</summary>
    public const int MaxRows = 10000;

    private static readonly string[] Processed = [ReportStatus.Processed];

    /// <summary>The points of the window, newest day first; stops at <paramref name="max"/>.</summary>
    public async Task<IncidentMapPage> ListAsync(DayWindow window, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var items = new List<IncidentPoint>();
        foreach (var day in window.NewestFirst())
        {
            await foreach (var row in index.ReadDayAsync(day, Processed, cancellationToken).ConfigureAwait(false))
            {
                if (items.Count == max)
                {
                    return new IncidentMapPage(window.From, window.To, max, true, items);
                }

                if (IncidentPoint.Of(row) is { } point)
                {
                    items.Add(point);
                }
            }
        }

        return new IncidentMapPage(window.From, window.To, max, false, items);
    }
}
