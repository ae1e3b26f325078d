using System.Security.Cryptography;
using System.Text.Json;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;

namespace Intake.Core.Submissions;

/// <summary>
/// Receives a JSON report: validates it, stores the raw bytes (the idempotency gate), then
/// indexes and queues it. A report counts as received once its raw blob is written; the later
/// steps are idempotent and the <see cref="Reconciliation.Reconciler"/> finishes them if this
/// process dies or storage fails between them.
/// </summary>
public sealed partial class ReportIntake(
    ReportValidator validator,
    RawSubmissionStore raw,
    ReportIndex index,
    ProcessingQueue queue,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    ILogger<ReportIntake> logger)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };
    private readonly ResiliencePipeline _storage = StorageResilience.Get(pipelines);

    /// <summary>The media type recorded on raw JSON submissions.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>Handles one JSON submission sent without a known submitter.</summary>
    /// <exception cref="StorageUnavailableException">The raw blob could not be written; nothing was acknowledged.</exception>
    public Task<SubmissionOutcome> SubmitJsonAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        SubmitJsonAsync(body, submitterId: null, cancellationToken);

    /// <summary>Handles one JSON submission; <paramref name="submitterId"/> (the access token's id) becomes the report's owner.</summary>
    /// <exception cref="StorageUnavailableException">The raw blob could not be written; nothing was acknowledged.</exception>
    public async Task<SubmissionOutcome> SubmitJsonAsync(ReadOnlyMemory<byte> body, string? submitterId, CancellationToken cancellationToken = default)
    {
        IncidentReport report;
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            var validation = validator.Validate(document.RootElement);
            if (!validation.IsValid)
            {
                return new SubmissionOutcome(SubmissionResult.Invalid, null, validation.Errors);
            }

            report = validation.Report!;
        }
        catch (JsonException e)
        {
            // The parser's message names a line and byte position, never the content.
            return new SubmissionOutcome(SubmissionResult.Malformed, null, [new FieldError("", $"The body is not valid JSON: {e.Message}")]);
        }

        var id = report.SubmissionId;
        var submission = new RawSubmission(id, Sha256Hex(body.Span), time.GetUtcNow(), "json", body.Length, submitterId);
        var existing = await StoreAsync(submission, body, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!string.Equals(existing.Sha256, submission.Sha256, StringComparison.Ordinal))
            {
                LogConflict(id);
                return SubmissionOutcome.Of(SubmissionResult.Conflict, id);
            }

            // A client that never saw our answer resends; make sure the first attempt finished.
            await CompleteAsync(existing, onlyIfUnindexed: true, cancellationToken).ConfigureAwait(false);
            LogDuplicate(id);
            return SubmissionOutcome.Of(SubmissionResult.Duplicate, id);
        }

        LogStored(id, submission.ContentLength);
        await CompleteAsync(submission, onlyIfUnindexed: false, cancellationToken).ConfigureAwait(false);
        return SubmissionOutcome.Of(SubmissionResult.Accepted, id);
    }

    private async Task<RawSubmission?> StoreAsync(RawSubmission submission, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            return await _storage.ExecuteAsync(
                async ct => await raw.TryCreateAsync(submission, body, JsonContentType, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageResilience.IsTransient(e))
        {
            LogStorageUnavailable(e, submission.ReportId);
            throw new StorageUnavailableException("The report could not be stored now; nothing was kept. Send it again later.", StorageResilience.BreakDuration, e);
        }
    }

    /// <summary>Indexes and queues; failures are left to the reconciler, since the blob is already durable.</summary>
    private async Task CompleteAsync(RawSubmission submission, bool onlyIfUnindexed, CancellationToken cancellationToken)
    {
        try
        {
            await _storage.ExecuteAsync(async ct =>
            {
                var message = new ProcessReportMessage(submission.ReportId, submission.ReceivedOn);
                if (onlyIfUnindexed)
                {
                    if (await index.TryAddReceivedAsync(submission, ct).ConfigureAwait(false))
                    {
                        await queue.EnqueueAsync(message, ct).ConfigureAwait(false);
                    }

                    return;
                }

                // Past the blob gate the row and the message do not depend on each other, so they
                // are written at once: one storage round-trip of waiting instead of two (see
                // docs/RELIABILITY.md). Any order or partial outcome is safe: the processor adds a
                // missing row from the blob, and the reconciler indexes and queues a blob without a
                // row, and re-drives a row whose message was lost.
                await Task.WhenAll(
                    index.TryAddReceivedAsync(submission, ct),
                    queue.EnqueueAsync(message, ct)).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageResilience.IsTransient(e))
        {
            LogLeftToReconciler(e, submission.ReportId);
        }
    }

    private static string Sha256Hex(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Stored raw submission {ReportId} ({ContentLength} bytes)")]
    private partial void LogStored(Guid reportId, long contentLength);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Duplicate submission {ReportId}: same content, nothing written")]
    private partial void LogDuplicate(Guid reportId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Conflicting submission {ReportId}: the id is taken by different content")]
    private partial void LogConflict(Guid reportId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Storage unavailable while storing {ReportId}; the client is told to retry")]
    private partial void LogStorageUnavailable(Exception exception, Guid reportId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Report {ReportId} is stored but not yet indexed or queued; the reconciler will finish it")]
    private partial void LogLeftToReconciler(Exception exception, Guid reportId);
}
