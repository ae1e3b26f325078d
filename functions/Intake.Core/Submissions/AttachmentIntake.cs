using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Intake.Core.Problems;
using Intake.Core.Storage;

namespace Intake.Core.Submissions;

/// <summary>
/// The checks and writes every uploaded file takes, whichever route brought it (an OpenRosa
/// submission's attachments, the web form's photos): a safe file name, the size limit, the
/// content sniffed against the allow-list and against the declared type; then stored once by
/// SHA-256 and linked to the report, never overwriting.
/// </summary>
public sealed class AttachmentIntake(SubmissionReceipt receipt, AttachmentStore attachments)
{
    /// <summary>Checks one file against the allow-list and limit; the problem is null when it may be stored.</summary>
    /// <param name="file">The uploaded file.</param>
    /// <param name="encrypted">True for the ciphertext of an encrypted OpenRosa submission: nothing to sniff.</param>
    /// <param name="maxBytes">The size limit of one file.</param>
    /// <param name="auditLogMaxBytes">Set when the file is the instance's audit log (ODK Collect's <c>meta/audit</c>): text, at most this size.</param>
    public static (StoredAttachment? Attachment, Problem? Problem, string Detail) Check(UploadedFile file, bool encrypted, int maxBytes, int? auditLogMaxBytes = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!XFormInstance.IsSafeFileName(file.FileName))
        {
            return (null, ProblemCatalog.InvalidAttachmentName, "An attachment's file name contains a path or control characters.");
        }

        if (file.Content.Length > maxBytes)
        {
            return (null, ProblemCatalog.AttachmentTooLarge, $"Each attachment must be at most {maxBytes} bytes.");
        }

        string contentType;
        if (encrypted)
        {
            // Encrypted files are ciphertext: nothing to sniff (their plain bytes are checked at processing). They are kept as received.
            if (file.Content.Length == 0 || file.Content.Length % OdkCipher.BlockBytes != 0)
            {
                return (null, ProblemCatalog.EncryptedSubmissionMalformed,
                    $"Encrypted file '{file.FileName}' must be a whole number of {OdkCipher.BlockBytes}-byte AES blocks (PKCS#7 padded). Nothing was stored.");
            }

            contentType = AttachmentTypes.Encrypted;
        }
        else if (auditLogMaxBytes is { } auditMax)
        {
            // ODK Collect's audit log: text, kept like other attachments and never parsed.
            if (file.Content.Length > auditMax)
            {
                return (null, ProblemCatalog.AttachmentTooLarge, $"The audit log '{file.FileName}' must be at most {auditMax} bytes.");
            }

            if (!AttachmentTypes.IsText(file.Content.Span) || !AttachmentTypes.AgreesWithText(file.DeclaredType))
            {
                return (null, ProblemCatalog.AttachmentTypeNotAllowed, $"The audit log '{file.FileName}' must be UTF-8 text (CSV). Nothing was stored.");
            }

            contentType = AttachmentTypes.AuditLog;
        }
        else
        {
            var sniffed = AttachmentTypes.Sniff(file.Content.Span);
            if (sniffed is null)
            {
                return (null, ProblemCatalog.AttachmentTypeNotAllowed,
                    $"Attachment '{file.FileName}' is not an allowed kind of file ({string.Join(", ", AttachmentTypes.Allowed)}). Nothing was stored.");
            }

            if (!AttachmentTypes.Agrees(file.DeclaredType, sniffed))
            {
                return (null, ProblemCatalog.AttachmentTypeMismatch,
                    $"Attachment '{file.FileName}' is declared as {AttachmentTypes.Normalise(file.DeclaredType)} but its content is {sniffed}. Nothing was stored.");
            }

            contentType = sniffed;
        }

        return (new StoredAttachment(file.FileName, Convert.ToHexStringLower(SHA256.HashData(file.Content.Span)), contentType, file.Content.Length), null, "");
    }

    /// <summary>Stores the checked files the report does not have yet.</summary>
    /// <returns>How many were added; -1 when a file name of the report is taken by other bytes (nothing was added).</returns>
    /// <exception cref="StorageUnavailableException">Storage failed; a resend is safe.</exception>
    public async Task<int> AddAsync(Guid reportId, IReadOnlyList<(StoredAttachment Attachment, ReadOnlyMemory<byte> Content)> files, bool known, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return 0;
        }

        IReadOnlyDictionary<string, StoredAttachment> stored = known
            ? await receipt.RunAsync(ct => attachments.ListAsync(reportId, ct), reportId, cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, StoredAttachment>();
        if (files.Any(f => stored.TryGetValue(f.Attachment.FileName, out var s) && s.Sha256 != f.Attachment.Sha256))
        {
            return -1;
        }

        var added = 0;
        foreach (var (attachment, content) in files.Where(f => !stored.ContainsKey(f.Attachment.FileName)))
        {
            if (await receipt.RunAsync(ct => attachments.TryAddAsync(reportId, attachment, content, receivedAt, ct), reportId, cancellationToken).ConfigureAwait(false))
            {
                added++;
            }
        }

        return added;
    }
}
