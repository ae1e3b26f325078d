using Intake.Core.Reports;
using Intake.Core.Storage;

namespace Intake.Core.Submissions;

/// <summary>
/// Receives a JSON report: validates it, then hands it to <see cref="SubmissionReceipt"/>, which
/// stores the raw bytes (the idempotency gate), then indexes and queues it. A report counts as received once its raw blob is written; the later
/// steps are idempotent and the <see cref="Reconciliation.Reconciler"/> finishes them if this
/// process dies or storage fails between them.
/// </summary>
public sealed partial class ReportIntake(
    ReportValidator validator,
    SubmissionReceipt receipt,
    TimeProvider time,
    ILogger<ReportIntake> logger)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>The media type recorded on raw JSON submissions.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>Handles one JSON submission sent without a known submitter.</summary>
    /// <exception cref="StorageUnavailableException">The raw blob could not be written; nothing was acknowledged.</exception>
    public Task<SubmissionOutcome> SubmitJsonAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        SubmitJsonAsync(body, submitterId: null, cancellationToken);

    /// <summary>Handles one JSON submission; <paramref name="submitterId"/> (the access token's id) becomes the report's owner.</summary>
    /// <exception cref="StorageUnavailableException">The raw blob could not be written; nothing was acknowledged.</exception>
    public Task<SubmissionOutcome> SubmitJsonAsync(ReadOnlyMemory<byte> body, string? submitterId, CancellationToken cancellationToken = default) =>
        SubmitJsonAsync(body, SubmissionSource.Json, submitterId, campaign: null, attach: null, cancellationToken);

    /// <summary>
    /// Handles one JSON submission from <paramref name="source"/>; <paramref name="attach"/>, when
    /// given, stores the files that travel with it after the raw body is durable and before the
    /// report is indexed and queued (its arguments: the report id, whether the body was stored by
    /// an earlier request, the time of receipt; it answers false when a file conflicts).
    /// </summary>
    /// <exception cref="StorageUnavailableException">The raw blob could not be written; nothing was acknowledged.</exception>
    internal async Task<SubmissionOutcome> SubmitJsonAsync(
        ReadOnlyMemory<byte> body, string source, string? submitterId, string? campaign,
        Func<Guid, bool, DateTimeOffset, CancellationToken, Task<bool>>? attach, CancellationToken cancellationToken)
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
        var submission = new RawSubmission(id, Sha256Hex(body.Span), time.GetUtcNow(), source, body.Length, submitterId) { Campaign = campaign };
        var existing = await receipt.StoreAsync(submission, body, JsonContentType, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !string.Equals(existing.Sha256, submission.Sha256, StringComparison.Ordinal))
        {
            LogConflict(id);
            return SubmissionOutcome.Of(SubmissionResult.Conflict, id);
        }

        if (attach is not null && !await attach(id, existing is not null, (existing ?? submission).ReceivedAt, cancellationToken).ConfigureAwait(false))
        {
            LogConflict(id);
            return SubmissionOutcome.Of(SubmissionResult.Conflict, id);
        }

        if (existing is not null)
        {
            // A client that never saw our answer resends; make sure the first attempt finished.
            await receipt.CompleteAsync(existing, resend: true, cancellationToken).ConfigureAwait(false);
            LogDuplicate(id);
            return SubmissionOutcome.Of(SubmissionResult.Duplicate, id);
        }

        LogStored(id, submission.ContentLength);
        await receipt.CompleteAsync(submission, resend: false, cancellationToken).ConfigureAwait(false);
        return SubmissionOutcome.Of(SubmissionResult.Accepted, id);
    }

    private static string Sha256Hex(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Stored raw submission {ReportId} ({ContentLength} bytes)")]
    private partial void LogStored(Guid reportId, long contentLength);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Duplicate submission {ReportId}: same content, nothing written")]
    private partial void LogDuplicate(Guid reportId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Conflicting submission {ReportId}: the id is taken by different content")]
    private partial void LogConflict(Guid reportId);
}
