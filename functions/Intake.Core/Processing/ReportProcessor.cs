using Intake.Core.Configuration;
using Intake.Core.Digest.Flash;
using Intake.Core.Digest.Tally;
using Intake.Core.Places;
using Intake.Core.Reports;
using Intake.Core.Storage;

namespace Intake.Core.Processing;

/// <summary>
/// Processes one queued report: re-reads the raw submission (JSON or OpenRosa XML, through
/// <see cref="StoredReportReader"/>), checks its hash, validates, normalises and classifies it,
/// and marks the index row <c>processed</c>. An OpenRosa instance that is not a valid report is
/// settled as <c>needs-review</c> and an encrypted one as <c>encrypted</c>, without retries.
/// Idempotent: a settled report is skipped unless the message forces it. On failure the attempt and error
/// are recorded and the exception rethrown, so the queue runtime retries and, after
/// <see cref="StorageNames.MaxDequeueCount"/> deliveries, moves the message to the poison queue.
/// Two deliveries of one report can run at once (a late duplicate, a re-drive): every write to the row
/// is conditional on the row as this delivery read it (its ETag), so the first to finish writes the
/// outcome and the other, refused, reads the row again and leaves a settled report as it is
/// (<see cref="WriteRowAsync"/>).
/// </summary>
public sealed partial class ReportProcessor(
    RawSubmissionStore raw,
    ReportIndex index,
    StoredReportReader reader,
    ReportClassifier classifier,
    PlaceResolver places,
    CachedPlaceAliases aliases,
    DailyTally tally,
    FlashDispatcher flash,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider time,
    ILogger<ReportProcessor> logger)
{
    private const int MaxErrorLength = 1024;

    /// <summary>How many times one outcome is written again onto a row that changed under it before the attempt fails.</summary>
    private const int MaxRowWrites = 5;

    /// <summary>Processes one delivery of a queue message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="dequeueCount">How many times the queue has delivered it, this time included.</param>
    /// <param name="cancellationToken">Cancels the work; the message is then delivered again.</param>
    public async Task ProcessAsync(ProcessReportMessage message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ReportId"] = message.ReportId });
        if (await PrepareAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false) is { } prepared)
        {
            await FinishAsync(prepared, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Everything up to the writes of a processed report: reads the row (repairing a missing one) and
    /// the raw submission, settles a report that needs review or is encrypted, and classifies.
    /// </summary>
    /// <returns>The report ready to be tallied and marked processed; null when nothing more is to be done.</returns>
    /// <exception cref="Exception">Processing failed; the attempt is recorded on the row.</exception>
    internal async Task<PreparedReport?> PrepareAsync(ProcessReportMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        var row = await index.GetAsync(message.ReceivedOn, message.ReportId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            // Queued by a path that had not indexed yet (or the message names the wrong day): repair from the blob.
            var submission = await raw.GetAsync(message.ReportId, cancellationToken).ConfigureAwait(false)
                ?? throw new ReportProcessingException($"No raw submission {message.ReportId} exists.");
            await index.TryAddReceivedAsync(submission, cancellationToken).ConfigureAwait(false);
            row = await index.GetAsync(submission.ReceivedOn, submission.ReportId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Index row of {message.ReportId} vanished after it was added.");
        }

        if (ReportStatus.IsSettled(row.Status) && !message.Force)
        {
            LogAlreadyProcessed(message.ReportId);
            return null;
        }

        var attempts = (int)Math.Min(dequeueCount, int.MaxValue);
        try
        {
            var reading = await reader.ReadAsync(row, cancellationToken).ConfigureAwait(false);
            if (reading.IsEncrypted || reading.Report is null)
            {
                // A forced reprocess can settle a formerly processed report otherwise; it then leaves the digest counts.
                await ForgetIfTalliedAsync(row, cancellationToken).ConfigureAwait(false);
            }

            if (reading.IsEncrypted || reading.Report is null)
            {
                var (status, reasons) = reading.IsEncrypted ? (ReportStatus.Encrypted, (IReadOnlyList<string>)[]) : (ReportStatus.NeedsReview, reading.ReviewReasons);
                if (await WriteRowAsync(row, r => index.MarkSettledAsync(r.ReceivedOn, r.ReportId, status, reasons, attempts, time.GetUtcNow(), r.History, RowVersion(r), cancellationToken), cancellationToken).ConfigureAwait(false))
                {
                    LogSettled(message.ReportId, status);
                }

                return null;
            }

            if (message.AliasesAsOf is { } aliasesAsOf)
            {
                // Queued because a place alias changed: this instance may not have read it yet.
                await aliases.EnsureReadSinceAsync(aliasesAsOf, cancellationToken).ConfigureAwait(false);
            }

            var classification = Classify(reading.Report);
            return new PreparedReport(row, classification, TalliedReport.From(row.ReportId, classification, row.SubmitterId), attempts, dequeueCount);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(row, dequeueCount, e, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// <see cref="PrepareAsync"/> for a report of a batch message. On the message's first delivery the row is not read. Intake queues a report just
    /// after adding its row as <c>received</c>, and the raw blob's metadata holds everything else the
    /// row would say (hash, source, submitter, day of receipt), so the download alone is enough: one
    /// storage call per report instead of two. What the skipped read would have caught is caught by
    /// the writes: a report counted already (another message processed it, or began to) conflicts on
    /// its tally marker, is not written, and is finished the ordinary way, which reads its row and
    /// leaves a processed report as it is; a missing row fails the index transaction, and the report
    /// is then processed the ordinary way too (<see cref="PreparedReport.RowAssumed"/>), which repairs it.
    /// Anything that fails here is retried by the ordinary path on the next delivery; nothing is
    /// recorded on a row that may not exist.
    /// </summary>
    /// <returns>The report ready to be written; null when nothing more is to be done.</returns>
    internal async Task<PreparedReport?> PrepareBatchedAsync(ProcessReportMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        if (dequeueCount != 1 || message.Force || message.RowETag is not { } rowETag)
        {
            return await PrepareAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var (record, content) = await raw.ReadWithRecordAsync(message.ReportId, cancellationToken).ConfigureAwait(false);
            var row = new ReportIndexEntry(record.ReportId, record.ReceivedOn, ReportStatus.Received, record.ReceivedAt, record.Source, record.Sha256, record.ContentLength, 0, null, null, null, null, null)
            {
                SubmitterId = record.SubmitterId,
                ETag = new ETag(rowETag),
            };
            var reading = await reader.ReadAsync(row, content, cancellationToken).ConfigureAwait(false);
            if (reading.Report is { } report && !reading.IsEncrypted)
            {
                if (message.AliasesAsOf is { } aliasesAsOf)
                {
                    await aliases.EnsureReadSinceAsync(aliasesAsOf, cancellationToken).ConfigureAwait(false);
                }

                var classification = Classify(report);
                return new PreparedReport(row, classification, TalliedReport.From(row.ReportId, classification, row.SubmitterId), 1, 1, RowAssumed: true);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Failures are recorded on the row by the ordinary path below, which meets them again.
            LogFirstDeliveryFellBack(e, message.ReportId);
        }

        // Settled without classification (OpenRosa), or failing: the ordinary path, which reads the row.
        return await PrepareAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tallies a prepared report, raises its flashes and marks it processed, one report at a time.</summary>
    internal async Task FinishAsync(PreparedReport prepared, CancellationToken cancellationToken)
    {
        try
        {
            // Digest aggregates: counted before the row is marked processed, because a processed
            // row is skipped on redelivery; the tally itself is idempotent per report.
            await tally.RecordAsync(prepared.Row.ReceivedOn, prepared.Tallied, cancellationToken).ConfigureAwait(false);
            await WriteRowAsync(prepared.Row, row => FlashAndMarkAsync([prepared with { Row = row }], cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(prepared.Row, prepared.DequeueCount, e, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Raises flashes, then marks the reports (tallied already) processed: one transaction per 100 rows of a day.</summary>
    internal async Task FlashAndMarkAsync(IReadOnlyList<PreparedReport> reports, CancellationToken cancellationToken)
    {
        foreach (var report in reports)
        {
            // Flash alerts: in memory unless a rule matches; before the row is marked processed,
            // so a crash re-raises on redelivery (idempotently) instead of losing the flash.
            await flash.RaiseAsync(report.Tallied, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        await index.MarkProcessedAsync([.. reports.Select(r => new ProcessedRow(r.Row.ReceivedOn, r.Row.ReportId, r.Classification, r.Attempts, now, RowVersion(r.Row), r.RowAssumed ? null : r.Row.History))], cancellationToken).ConfigureAwait(false);
        foreach (var report in reports)
        {
            LogProcessed(report.Row.ReportId, report.Classification.Category, report.Attempts);
        }
    }

    /// <summary>Records a failed attempt on the row (the report leaves the digest counts if it was processed before).</summary>
    internal async Task RecordFailureAsync(ReportIndexEntry row, long dequeueCount, Exception e, CancellationToken cancellationToken)
    {
        var attempts = (int)Math.Min(dequeueCount, int.MaxValue);
        var final = dequeueCount >= StorageNames.MaxDequeueCount;
        LogFailed(e, row.ReportId, attempts, final);
        // A forced reprocess that fails leaves the report unprocessed, so it no longer counts in the digest.
        await ForgetIfTalliedAsync(row, cancellationToken).ConfigureAwait(false);
        var error = Describe(e);
        await WriteRowAsync(row, r => index.RecordFailureAsync(r.ReceivedOn, r.ReportId, attempts, error, final, time.GetUtcNow(), r.History, RowVersion(r), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes this delivery's outcome onto the row as it read it. If another delivery changed the row
    /// since (the write is refused: 412), reads it again: a report another delivery settled meanwhile is
    /// left as it is, the one outcome written once; otherwise (a failure recorded, a re-drive noted) the
    /// outcome is written onto the row as it is now.
    /// </summary>
    /// <returns>False when another delivery had settled the report, or its row is gone, and nothing was written.</returns>
    private async Task<bool> WriteRowAsync(ReportIndexEntry row, Func<ReportIndexEntry, Task> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(row).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (IsChangedSinceRead(e) && attempt < MaxRowWrites)
            {
                var now = await index.GetAsync(row.ReceivedOn, row.ReportId, cancellationToken).ConfigureAwait(false);
                if (now is null || ReportStatus.IsSettled(now.Status))
                {
                    LogSettledMeanwhile(row.ReportId, now?.Status);
                    return false;
                }

                row = now;
            }
        }
    }

    private static bool IsChangedSinceRead(Exception e) => e is RequestFailedException { Status: 412 };

    /// <summary>The version a write to the row must match: the row as this delivery read it (or as intake added it).</summary>
    private static ETag RowVersion(ReportIndexEntry row) =>
        row.ETag ?? throw new InvalidOperationException($"The index row of {row.ReportId} was not read with its version.");

    private async Task ForgetIfTalliedAsync(ReportIndexEntry row, CancellationToken cancellationToken)
    {
        if (row.Status == ReportStatus.Processed)
        {
            await tally.ForgetAsync(row.ReceivedOn, row.ReportId, cancellationToken).ConfigureAwait(false);
        }
    }

    private ReportClassification Classify(IncidentReport report)
    {
        if (options.CurrentValue.HeldCategorySet.Contains(report.Category))
        {
            throw new ReportProcessingException($"Category '{report.Category}' is held by configuration (Intake__HeldCategories).");
        }

        // Places are resolved here, in memory, never at intake: the raw submission stays as sent.
        return classifier.Classify(report) with
        {
            Place = places.Resolve(report.Location),
        };
    }

    /// <summary>An error text safe to store and show: our own messages, or the storage error code.</summary>
    private static string Describe(Exception e)
    {
        var text = e switch
        {
            ReportProcessingException => e.Message,
            RequestFailedException r => $"Storage error {r.Status} {r.ErrorCode}",
            JsonException => "The stored submission is not valid JSON.",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Processed report {ReportId} as {Category} (attempt {Attempt})")]
    private partial void LogProcessed(Guid reportId, string category, int attempt);

    [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "Report {ReportId} failed without its row read; processing it the ordinary way")]
    private partial void LogFirstDeliveryFellBack(Exception exception, Guid reportId);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Report {ReportId} was settled as {Status} by another delivery while this one processed it; its outcome stands")]
    private partial void LogSettledMeanwhile(Guid reportId, string? status);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Report {ReportId} is already processed; message completed without changes")]
    private partial void LogAlreadyProcessed(Guid reportId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Report {ReportId} settled as {Status} without classification")]
    private partial void LogSettled(Guid reportId, string status);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Processing report {ReportId} failed on attempt {Attempt} (final: {Final})")]
    private partial void LogFailed(Exception exception, Guid reportId, int attempt, bool final);
}
