using Intake.Core.Storage;
using Polly.Registry;

namespace Intake.Core.Submissions;

/// <summary>
/// The steps every valid submission takes, whichever API it came through (JSON or OpenRosa):
/// store the raw body with the conditional create that is the idempotency gate, then index and
/// queue it, or leave that to the reconciler. What differs between the APIs (parsing,
/// attachments, the answer) happens around these steps.
/// </summary>
public sealed partial class SubmissionReceipt(
    RawSubmissionStore raw,
    ReceivedRows rows,
    ProcessingBatcher batcher,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<SubmissionReceipt> logger)
{
    private readonly ResiliencePipeline _storage = StorageResilience.Get(pipelines);

    /// <summary>Stands for the hash of a submission another submitter owns: equal to no SHA-256, so every caller answers it as a conflict.</summary>
    internal const string WithheldSha256 = "withheld";

    /// <summary>Writes the raw body unless its id is taken.</summary>
    /// <returns>
    /// Null when this submission was written; otherwise the submission already stored under the id,
    /// as this submitter may see it (compare hashes). A submission sent with another access token
    /// comes back with <see cref="WithheldSha256"/>, so the caller answers a conflict whatever the
    /// bytes: a submitter never learns whether another's report has the same content (a resend) or
    /// not, and no answer names or acknowledges a report that is not its own. The same submitter
    /// (or, for reports sent without a token, no token again) gets the usual duplicate or conflict.
    /// </returns>
    /// <exception cref="StorageUnavailableException">Storage failed; nothing is acknowledged and a resend is safe.</exception>
    public async Task<RawSubmission?> StoreAsync(RawSubmission submission, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var existing = await RunAsync(ct => raw.TryCreateAsync(submission, body, contentType, ct), submission.ReportId, cancellationToken).ConfigureAwait(false);
        return existing is null || string.Equals(existing.SubmitterId, submission.SubmitterId, StringComparison.Ordinal)
            ? existing
            : existing with { Sha256 = WithheldSha256 };
    }

    /// <summary>Runs one storage step the client waits on, under the request path's timeout and circuit breaker.</summary>
    /// <exception cref="StorageUnavailableException">Storage failed; the client should send the same request again.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> step, Guid reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return await _storage.ExecuteAsync(async ct => await step(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageResilience.IsTransient(e))
        {
            LogStorageUnavailable(e, reportId);
            throw new StorageUnavailableException("The submission could not be stored now. Send it again later.", StorageResilience.BreakDuration, e);
        }
    }

    /// <summary>
    /// Indexes and queues a stored submission. For a new one the row is written and the report
    /// handed to the <see cref="ProcessingBatcher"/>; for a resend only if the first attempt left no
    /// row. A failure is logged, not thrown: the raw body is durable, and the reconciler finishes the work.
    /// </summary>
    /// <param name="submission">The stored submission.</param>
    /// <param name="resend">True when the raw body was already stored by an earlier request.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task CompleteAsync(RawSubmission submission, bool resend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            var added = await _storage.ExecuteAsync(
                async ct => await rows.TryAddAsync(submission, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            // The row first, then the message (batched, sent within 100 ms): a processor never
            // meets a message without its row, and a message lost with the process leaves a
            // 'received' row that the reconciler re-drives. A resend whose row exists was queued before.
            // The message carries the row's version, so the processor need not read the row first.
            if (added is not null || !resend)
            {
                batcher.Add(new ProcessReportMessage(submission.ReportId, submission.ReceivedOn) { RowETag = added?.ToString() });
            }
        }
        catch (Exception e) when (StorageResilience.IsTransient(e))
        {
            LogLeftToReconciler(e, submission.ReportId);
        }
    }

    /// <summary>
    /// Queues a stored report to be processed again even though it is settled: an encrypted
    /// submission whose remaining files arrived in a later request (ODK's split upload).
    /// </summary>
    public void Requeue(RawSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        batcher.Add(new ProcessReportMessage(submission.ReportId, submission.ReceivedOn, Force: true));
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Storage unavailable while storing {ReportId}; the client is told to retry")]
    private partial void LogStorageUnavailable(Exception exception, Guid reportId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Report {ReportId} is stored but not yet indexed or queued; the reconciler will finish it")]
    private partial void LogLeftToReconciler(Exception exception, Guid reportId);
}
