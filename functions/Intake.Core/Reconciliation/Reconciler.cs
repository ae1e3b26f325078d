using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Reconciliation;

/// <summary>
/// Finishes what a crash or a storage fault left half-way: raw submissions without an index row
/// are indexed and queued, and rows still <c>received</c> long after their last touch are queued
/// again (a second message is harmless: processing is idempotent). Runs at start-up and on the
/// <c>ReconcileSchedule</c> timer, one pass at a time across instances (<see cref="ReconcilerLease"/>).
/// A pass costs in proportion to its look-back window: the window's index partitions, and the
/// submissions whose receipt tag falls in the window (<see cref="RawSubmissionStore.ListReceivedSinceAsync"/>).
/// </summary>
public sealed partial class Reconciler(
    BlobServiceClient blobs,
    RawSubmissionStore raw,
    ReportIndex index,
    ProcessingQueue queue,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger)
{
    /// <summary>
    /// How long after the first tagging pass untagged submissions may still be written: instances of
    /// the previous version still running during a deployment.
    /// </summary>
    internal static readonly TimeSpan UntaggedMargin = TimeSpan.FromHours(1);

    /// <summary>Runs one pass, or skips it (<see cref="ReconcileSummary.Skipped"/>) while another instance runs one.</summary>
    public Task<ReconcileSummary> RunAsync(CancellationToken cancellationToken = default) => RunAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Runs one pass, waiting up to <paramref name="waitForLease"/> for a pass that another instance is
    /// running to end (an admin who asked for a pass wants its answer, not a skip); skips after that.
    /// </summary>
    public async Task<ReconcileSummary> RunAsync(TimeSpan waitForLease, CancellationToken cancellationToken = default)
    {
        var giveUpAt = time.GetUtcNow() + waitForLease;
        var lease = await ReconcilerLease.TryAcquireAsync(blobs, time, logger, cancellationToken).ConfigureAwait(false);
        while (lease is null && time.GetUtcNow() < giveUpAt)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            lease = await ReconcilerLease.TryAcquireAsync(blobs, time, logger, cancellationToken).ConfigureAwait(false);
        }

        if (lease is null)
        {
            LogSkipped();
            return new ReconcileSummary(0, 0, 0) { Skipped = true };
        }

        await using (lease.ConfigureAwait(false))
        {
            return await RunPassAsync(lease.TaggedSince, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ReconcileSummary> RunPassAsync(DateTimeOffset taggedSince, CancellationToken cancellationToken)
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
        await foreach (var submission in UnindexedAsync(since, taggedSince, indexed, count => scanned = count, cancellationToken).ConfigureAwait(false))
        {
            if (await index.TryAddReceivedRowAsync(submission, cancellationToken).ConfigureAwait(false) is { } added)
            {
                toQueue.Add(new ProcessReportMessage(submission.ReportId, submission.ReceivedOn) { RowETag = added.ToString() });
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

    /// <summary>
    /// The window's submissions without a row. By receipt tag: one listing item per submission of the
    /// window, and a metadata read only for the few without a row. While the window reaches back
    /// before <paramref name="taggedSince"/> (plus <see cref="UntaggedMargin"/>), untagged submissions
    /// may exist in it, so the whole container is listed as before; that stops once the window has
    /// moved past the upgrade.
    /// </summary>
    private async IAsyncEnumerable<RawSubmission> UnindexedAsync(
        DateTimeOffset since, DateTimeOffset taggedSince, HashSet<Guid> indexed, Action<int> scanned, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        if (since < taggedSince + UntaggedMargin)
        {
            await foreach (var submission in raw.ListSinceAsync(since, cancellationToken).ConfigureAwait(false))
            {
                scanned(++count);
                if (!indexed.Contains(submission.ReportId))
                {
                    yield return submission;
                }
            }

            yield break;
        }

        await foreach (var id in raw.ListReceivedSinceAsync(since, cancellationToken).ConfigureAwait(false))
        {
            scanned(++count);
            if (!indexed.Contains(id) && await raw.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } submission)
            {
                yield return submission;
            }
        }
    }

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Reconciler pass skipped: another instance holds the reconciler lease")]
    private partial void LogSkipped();

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Reconciler indexed and queued report {ReportId}, which had no index row")]
    private partial void LogIndexed(Guid reportId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Reconciler queued report {ReportId} again: still received past the re-drive interval")]
    private partial void LogRequeued(Guid reportId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Reconciler scanned {Scanned} submissions, indexed {Created}, requeued {Requeued}")]
    private partial void LogSummary(int scanned, int created, int requeued);
}
