using System.Collections.Concurrent;
using Intake.Core.Digest.Tally;

namespace Intake.Core.Processing;

/// <summary>
/// Writes the reports the processor has prepared (classified, not yet counted): the tally of their
/// day of receipt (<see cref="DailyTally.RecordNewAsync"/>), then their flashes and index rows
/// (<see cref="ReportProcessor.FlashAndMarkAsync"/>). The queue runtime hands this instance several
/// messages at once, and their reports mostly share a day and a few busy cells; written side by side
/// they would conflict on the cells' ETags and fall back to one report at a time. So the writes of a
/// day are combined: one write per day at a time in this instance, taking every report that waits for
/// it (a group commit). Other instances still conflict now and then; the tally's ETags keep that exact.
/// A failed write fails every caller whose reports were in it, and each then finishes its reports one
/// by one, as when it wrote alone.
/// </summary>
public sealed class ProcessedReportWriter(DailyTally tally, ReportProcessor processor)
{
    /// <summary>Reports one combined write takes at most (ten tally transactions, four index transactions).</summary>
    private const int MaxReportsPerWrite = 400;

    private readonly ConcurrentDictionary<DateOnly, DayWrites> _days = new();

    /// <summary>Writes reports received on <paramref name="receivedOn"/>, none of them counted yet; completes when they are written.</summary>
    /// <returns>
    /// The reports left unwritten: those whose row was assumed (<see cref="PreparedReport.RowAssumed"/>)
    /// and that the tally had counted already, so another message may have processed them; the caller
    /// finishes them the ordinary way, which reads the row and leaves a processed report as it is.
    /// </returns>
    /// <exception cref="Exception">The write they were part of failed: none, some or all of them may be written.</exception>
    internal Task<IReadOnlySet<Guid>> WriteAsync(DateOnly receivedOn, IReadOnlyList<PreparedReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>());
        }

        var waiting = new Waiting(reports);
        var day = _days.GetOrAdd(receivedOn, _ => new DayWrites());
        bool lead;
        lock (day)
        {
            day.Queue.Add(waiting);
            lead = !day.Writing;
            day.Writing = true;
        }

        if (lead)
        {
            // Not the caller's token: a combined write carries other callers' reports too.
            _ = Task.Run(() => WriteDayAsync(receivedOn, day), CancellationToken.None);
        }

        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteDayAsync(DateOnly receivedOn, DayWrites day)
    {
        while (true)
        {
            var group = new List<Waiting>();
            lock (day)
            {
                var count = 0;
                while (day.Queue.Count > 0 && (group.Count == 0 || count + day.Queue[0].Reports.Count <= MaxReportsPerWrite))
                {
                    count += day.Queue[0].Reports.Count;
                    group.Add(day.Queue[0]);
                    day.Queue.RemoveAt(0);
                }

                if (group.Count == 0)
                {
                    day.Writing = false;
                    return;
                }
            }

            try
            {
                List<PreparedReport> reports = [.. group.SelectMany(w => w.Reports)];
                var counted = await tally.RecordNewAsync(receivedOn, [.. reports.Select(r => r.Tallied)], CancellationToken.None).ConfigureAwait(false);
                var left = reports.Where(r => r.RowAssumed && counted.Contains(r.Row.ReportId)).Select(r => r.Row.ReportId).ToHashSet();
                await processor.FlashAndMarkAsync([.. reports.Where(r => !left.Contains(r.Row.ReportId))], CancellationToken.None).ConfigureAwait(false);
                group.ForEach(w => w.Done.TrySetResult(w.Reports.Where(r => left.Contains(r.Row.ReportId)).Select(r => r.Row.ReportId).ToHashSet()));
            }
            catch (Exception e)
            {
                group.ForEach(w => w.Done.TrySetException(e));
            }
        }
    }

    /// <summary>The reports of one caller, and the task it waits on.</summary>
    private sealed record Waiting(IReadOnlyList<PreparedReport> Reports)
    {
        public TaskCompletionSource<IReadOnlySet<Guid>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writes waiting for one day of receipt, and whether one is under way.</summary>
    private sealed class DayWrites
    {
        public List<Waiting> Queue { get; } = [];

        public bool Writing { get; set; }
    }
}
