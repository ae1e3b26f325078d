using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// Lists the index rows that need an admin's attention (failed, needs-review, encrypted, still
/// received) for a range of days of receipt, newest first. Each day is one partition query
/// filtered by status in storage; at most <see cref="ReportListQuery.Max"/> rows are kept in memory.
/// </summary>
public sealed class ReportList(ReportIndex index)
{
    /// <summary>
    /// The newest <see cref="ReportListQuery.Max"/> matching rows: days from <see cref="ReportListQuery.To"/>
    /// back to <see cref="ReportListQuery.From"/>, within a day by time of receipt descending (ties by
    /// report id descending). <see cref="ReportListPage.Truncated"/> tells whether older rows were left out.
    /// </summary>
    /// <exception cref="ArgumentException">The range is reversed or wider than <see cref="ReportListQuery.MaxDays"/>, or no status or max is given.</exception>
    public async Task<ReportListPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To < query.From || query.To.DayNumber - query.From.DayNumber >= ReportListQuery.MaxDays)
        {
            throw new ArgumentException($"The range must run forwards and span at most {ReportListQuery.MaxDays} days.", nameof(query));
        }

        if (query.Statuses.Count == 0 || query.Max is < 1 or > ReportListQuery.MaxRows)
        {
            throw new ArgumentException($"At least one status and a max of 1 to {ReportListQuery.MaxRows} are required.", nameof(query));
        }

        var items = new List<ReportListItem>();
        var truncated = false;
        for (var dayNumber = query.To.DayNumber; dayNumber >= query.From.DayNumber; dayNumber--)
        {
            var day = DateOnly.FromDayNumber(dayNumber);
            var room = query.Max - items.Count;
            if (room == 0)
            {
                // Full: all that is left to know is whether an older day has a matching row.
                if (await index.AnyAsync(day, query.Statuses, cancellationToken).ConfigureAwait(false))
                {
                    truncated = true;
                    break;
                }

                continue;
            }

            var newest = await NewestAsync(day, query.Statuses, room, cancellationToken).ConfigureAwait(false);
            truncated |= newest.Dropped;
            items.AddRange(newest.Rows.Select(ReportListItem.Of));
            if (newest.Dropped)
            {
                break;
            }
        }

        return new ReportListPage(query.From, query.To, query.Statuses, query.Max, truncated, items);
    }

    /// <summary>The newest <paramref name="room"/> matching rows of a day, newest first, and whether any were dropped.</summary>
    private async Task<(List<ReportIndexEntry> Rows, bool Dropped)> NewestAsync(DateOnly day, IReadOnlyList<string> statuses, int room, CancellationToken cancellationToken)
    {
        // Storage answers a partition in row key (report id) order, so the day is read whole; the
        // heap keeps only the newest 'room' rows (its head is the oldest kept).
        var kept = new PriorityQueue<ReportIndexEntry, (DateTimeOffset, Guid)>();
        var dropped = false;
        await foreach (var row in index.ReadDayAsync(day, statuses, cancellationToken).ConfigureAwait(false))
        {
            kept.Enqueue(row, (row.ReceivedAt, row.ReportId));
            if (kept.Count > room)
            {
                kept.Dequeue();
                dropped = true;
            }
        }

        var rows = new List<ReportIndexEntry>(kept.Count);
        while (kept.TryDequeue(out var row, out _))
        {
            rows.Add(row);
        }

        rows.Reverse();
        return (rows, dropped);
    }
}
