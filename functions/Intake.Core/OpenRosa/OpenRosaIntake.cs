using Intake.Core.OpenRosa.Encryption;
using Intake.Core.Problems;
using Intake.Core.Storage;
using Intake.Core.Submissions;

namespace Intake.Core.OpenRosa;

/// <summary>
/// Receives an OpenRosa submission. The instance id is the idempotency key: the raw XML is
/// written with the same conditional create as a JSON report (its blob is named by the report
/// id), so the same id with other content is a conflict whichever API sent it first. Then the
/// new attachments are stored, and the report is indexed and queued by the same
/// <see cref="SubmissionReceipt"/> as a JSON report;
/// the <see cref="Processing.ReportProcessor"/> maps it to a report, or marks it
/// <c>needs-review</c> or <c>encrypted</c>. Every check runs before the first write, so a
/// rejected request stores nothing.
/// </summary>
public sealed partial class OpenRosaIntake(
    SubmissionReceipt receipt,
    AttachmentIntake attachments,
    IOptionsMonitor<OpenRosaOptions> options,
    TimeProvider time,
    ILogger<OpenRosaIntake> logger)
{
    /// <summary>The media type recorded on raw OpenRosa submissions.</summary>
    public const string XmlContentType = "text/xml";

    /// <summary>Handles one submission request without a submitter (tests and tools).</summary>
    /// <exception cref="StorageUnavailableException">Storage failed; the client should send the same request again.</exception>
    public Task<OpenRosaOutcome> SubmitAsync(OpenRosaUpload upload, CancellationToken cancellationToken = default) =>
        SubmitAsync(upload, submitterId: null, cancellationToken);

    /// <summary>Handles one submission request; <paramref name="submitterId"/> (the access token's id) becomes the report's owner.</summary>
    /// <exception cref="StorageUnavailableException">Storage failed; the client should send the same request again.</exception>
    public async Task<OpenRosaOutcome> SubmitAsync(OpenRosaUpload upload, string? submitterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var limits = options.CurrentValue;
        XFormInstance instance;
        try
        {
            instance = XFormInstance.Parse(upload.Xml, limits.MaxXmlBytes);
        }
        catch (XmlException e)
        {
            // The reader's message names a rule or a line and position, never content.
            return OpenRosaOutcome.Reject(ProblemCatalog.MalformedXml, $"The xml_submission_file part cannot be accepted: {e.Message}");
        }

        var id = instance.ReportId;
        if (IncidentFormMapping.RepeatedField(instance) is { } repeated)
        {
            return OpenRosaOutcome.Reject(ProblemCatalog.DuplicateField, $"The form field '{repeated}' is given more than once; give each field once, so that the stored report has one meaning.", id);
        }

        if (instance.IsEncrypted && !SubmissionManifest.TryRead(instance, out _, out var manifestProblem))
        {
            return OpenRosaOutcome.Reject(ProblemCatalog.EncryptedSubmissionMalformed, $"The encrypted submission manifest's '{manifestProblem.Field}' is not as ODK writes it: {manifestProblem.Detail} Nothing was stored.", id);
        }

        var checkedFiles = new List<(StoredAttachment Attachment, ReadOnlyMemory<byte> Content)>();
        var ignored = 0;
        foreach (var file in upload.Files)
        {
            if (!instance.FileNames.Contains(file.FileName))
            {
                // Like ODK Central: parts the instance does not name are not kept.
                ignored++;
                continue;
            }

            var (attachment, problem, detail) = AttachmentIntake.Check(
                file, instance.IsEncrypted, limits.MaxAttachmentBytes, AttachmentTypes.IsAuditLog(file.FileName, instance) ? limits.MaxAuditBytes : null);
            if (problem is not null)
            {
                LogAttachmentRejected(id, problem.Code);
                return OpenRosaOutcome.Reject(problem, detail, id);
            }

            checkedFiles.Add((attachment!, file.Content));
        }

        var submission = new RawSubmission(id, Sha256Hex(upload.Xml.Span), time.GetUtcNow(), SubmissionSource.OpenRosa, upload.Xml.Length, submitterId);
        var existing = await receipt.StoreAsync(submission, upload.Xml, XmlContentType, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !string.Equals(existing.Sha256, submission.Sha256, StringComparison.Ordinal))
        {
            LogConflict(id);
            return new OpenRosaOutcome(OpenRosaResult.Conflict, id, 0, ProblemCatalog.InstanceConflict,
                "A different submission was already received with this instanceID. Nothing was stored.");
        }

        var added = await attachments.AddAsync(id, checkedFiles, existing is not null, submission.ReceivedAt, cancellationToken).ConfigureAwait(false);
        if (added < 0)
        {
            LogConflict(id);
            return new OpenRosaOutcome(OpenRosaResult.Conflict, id, 0, ProblemCatalog.InstanceConflict,
                "An attachment of this instance was already received under the same file name with different content. Nothing was stored.");
        }

        await receipt.CompleteAsync(existing ?? submission, resend: existing is not null, cancellationToken).ConfigureAwait(false);
        if (instance.IsEncrypted && existing is not null && added > 0)
        {
            // A split upload: the files that complete an encrypted submission come after it was first processed (and left encrypted).
            receipt.Requeue(existing);
        }

        LogReceived(id, existing is null, added, ignored);
        var result = existing is null ? OpenRosaResult.Created : added > 0 ? OpenRosaResult.AttachmentsAdded : OpenRosaResult.AlreadyHave;
        var message = result switch
        {
            OpenRosaResult.Created => instance.IsEncrypted ? "Encrypted submission received and stored." : "Report received. Thank you.",
            OpenRosaResult.AttachmentsAdded => $"{added} more attachment(s) received.",
            _ => "This submission was already received.",
        };
        return new OpenRosaOutcome(result, id, added, null, message);
    }

    private static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "OpenRosa submission {ReportId}: new {IsNew}, attachments added {Added}, parts ignored {Ignored}")]
    private partial void LogReceived(Guid reportId, bool isNew, int added, int ignored);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Conflicting OpenRosa submission {ReportId}: the instance id or a file name is taken by different content")]
    private partial void LogConflict(Guid reportId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "OpenRosa submission {ReportId}: attachment rejected ({ProblemCode}); nothing stored")]
    private partial void LogAttachmentRejected(Guid reportId, string problemCode);
}
