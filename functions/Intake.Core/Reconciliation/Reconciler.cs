using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Reconciliation;

/// <summary>
/// Finishes what a crash or a storage fault left half-way: raw submissions without an index row
/// are indexed and queued, and rows still <c>received</c> long after their last touch are queued
/// again (a second message is harmless: processing is idempotent). Runs at start-up and on the
/// <c>ReconcileSchedule</c> timer.
/// </summary>
public sealed partial class Reconciler(
    RawSubmissionStore raw,
    ReportIndex index,
    ProcessingQueue queue,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger)
{
    /// <summary>Runs one pass.</summary>
    public async Task<ReconcileSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var since = now - settings.ReconcileLookback;

        // The index rows of the look-back window first: one partition query per day, so that only
        // blobs without a row cost a write (a conditional add per blob would load storage on every pass).
        var indexed = new HashSet<Guid>();
        var stale = new List<ReportIndexEntry>();
        var staleBefore = now - settings.RedriveAfter;
        for (var day = DateOnly.FromDateTime(since.UtcDateTime); day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
        {
            await foreach (var row in index.ReadDayAsync(day, cancellationToken).ConfigureAwait(false))
            {
                indexed.Add(row.ReportId);
                if (row.Status == ReportStatus.Received && row.LastTouchedAt is { } touched && touched < staleBefore)
                {
                    stale.Add(row);
                }
            }
        }

        int scanned = 0, created = 0;
        var toQueue = new List<ProcessReportMessage>();
        await foreach (var submission in raw.ListSinceAsync(since, cancellationToken).ConfigureAwait(false))
        {
            scanned++;
            if (!indexed.Contains(submission.ReportId) && await index.TryAddReceivedAsync(submission, cancellationToken).ConfigureAwait(false))
            {
                toQueue.Add(new ProcessReportMessage(submission.ReportId, submission.ReceivedOn));
                created++;
                LogIndexed(submission.ReportId);
                if (toQueue.Count == ProcessingQueue.MaxBatch)
                {
                    await queue.EnqueueAsync(toQueue, cancellationToken).ConfigureAwait(false);
                    toQueue.Clear();
                }
            }
        }

        // Batched messages: a pass after an outage can re-drive thousands of reports.
        await queue.EnqueueAsync(toQueue, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in stale.Chunk(ProcessingQueue.MaxBatch))
        {
            await queue.EnqueueAsync([.. chunk.Select(row => new ProcessReportMessage(row.ReportId, row.ReceivedOn))], cancellationToken).ConfigureAwait(false);
            foreach (var row in chunk)
            {
                await index.MarkRedrivenAsync(row.ReceivedOn, row.ReportId, now, cancellationToken).ConfigureAwait(false);
                LogRequeued(row.ReportId);
            }
        }

        var requeued = stale.Count;
        var summary = new ReconcileSummary(scanned, created, requeued);
        LogSummary(summary.SubmissionsScanned, summary.RowsCreated, summary.Requeued);
        return summary;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Reconciler indexed and queued report {ReportId}, which had no index row")]
    private partial void LogIndexed(Guid reportId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Reconciler queued report {ReportId} again: still received past the re-drive interval")]
    private partial void LogRequeued(Guid reportId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Reconciler scanned {Scanned} submissions, indexed {Created}, requeued {Requeued}")]
    private partial void LogSummary(int scanned, int created, int requeued);
}
