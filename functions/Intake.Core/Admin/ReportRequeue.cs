using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// Queues indexed reports for processing again (forced, so processed ones are classified anew),
/// for example after a change of the taxonomy. The index row goes back to <c>received</c>.
/// </summary>
public sealed partial class ReportRequeue(ReportIndex index, ProcessingQueue processing, TimeProvider time, ILogger<ReportRequeue> logger)
{
    /// <summary>Queues the matching reports (or, on a dry run, counts them).</summary>
    /// <exception cref="ArgumentException">The range is reversed or wider than <see cref="RequeueRequest.MaxDays"/>.</exception>
    public async Task<BatchResult> RequeueAsync(RequeueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ReceivedTo < request.ReceivedFrom || request.ReceivedTo.DayNumber - request.ReceivedFrom.DayNumber >= RequeueRequest.MaxDays)
        {
            throw new ArgumentException($"The range must run forwards and span at most {RequeueRequest.MaxDays} days.", nameof(request));
        }

        var status = string.IsNullOrWhiteSpace(request.Status) ? ReportStatus.Processed : request.Status;
        var max = Math.Clamp(request.Max, 0, ReprocessRequest.DefaultMax);
        var matched = new List<ReportIndexEntry>();
        var scanned = 0;
        for (var day = request.ReceivedFrom; day <= request.ReceivedTo && matched.Count < max; day = day.AddDays(1))
        {
            await foreach (var row in index.ReadDayAsync(day, cancellationToken).ConfigureAwait(false))
            {
                scanned++;
                if (row.Status == status && (request.Category is null || row.Classification?.Category == request.Category))
                {
                    matched.Add(row);
                    if (matched.Count >= max)
                    {
                        break;
                    }
                }
            }
        }

        var moved = 0;
        if (!request.DryRun)
        {
            moved = await QueueAsync(matched, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogRequeued(moved, request.ReceivedFrom, request.ReceivedTo);
        }

        return new BatchResult(request.DryRun, scanned, matched.Count, moved, matched.Select(r => r.ReportId).ToList());
    }

    /// <summary>Queues the given index rows for a forced reprocess, each row back to <c>received</c> first.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="aliasesAsOf">After a place alias changed: when, so the processor reads aliases at least that new (see <see cref="ProcessReportMessage.AliasesAsOf"/>).</param>
    /// <param name="cancellationToken">Cancels the rest; rows already queued stay queued.</param>
    /// <returns>How many were queued.</returns>
    public async Task<int> QueueAsync(IReadOnlyList<ReportIndexEntry> rows, DateTimeOffset? aliasesAsOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            // Row first: a fast processor must not see its 'processed' overwritten by 'received'.
            await index.MarkRequeuedAsync(row.ReceivedOn, row.ReportId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await processing.EnqueueAsync(new ProcessReportMessage(row.ReportId, row.ReceivedOn, Force: true) { AliasesAsOf = aliasesAsOf }, cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Information, Message = "Queued {Count} reports received {From} to {To} for processing again")]
    private partial void LogRequeued(int count, DateOnly from, DateOnly to);
}
