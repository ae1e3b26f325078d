using Intake.Core.Storage;

namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// The processing step for an encrypted OpenRosa submission: in managed mode it reads the stored
/// ciphertext, decrypts and verifies it in memory with the <see cref="SubmissionDecryptor"/> and hands
/// back the plain instance, its decrypted media checked like plain attachments. Nothing decrypted
/// is written: the raw blob and attachments keep the bytes the phone sent.
/// </summary>
public sealed partial class EncryptedSubmissionReader(
    FormEncryption encryption,
    AttachmentStore attachments,
    IOptionsMonitor<OpenRosaOptions> openRosa,
    ILogger<EncryptedSubmissionReader> logger)
{
    /// <summary>Decrypts the submission of <paramref name="reportId"/>, whose manifest is <paramref name="manifestInstance"/>.</summary>
    /// <returns>
    /// The plain instance; or review reasons (bad manifest, key, padding, signature, media); or
    /// neither when it stays <c>encrypted</c>: no key here (offline or off), or files still to come
    /// (a split upload; the request that brings them queues the report again).
    /// </returns>
    public async Task<EncryptedReading> ReadAsync(Guid reportId, XFormInstance manifestInstance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifestInstance);
        if (encryption.Decryptor is not { } decryptor)
        {
            return EncryptedReading.StaysEncrypted;
        }

        if (!SubmissionManifest.TryRead(manifestInstance, out var manifest, out var problem))
        {
            return EncryptedReading.Review($"{problem.Field}: {problem.Detail}");
        }

        var stored = await attachments.ListAsync(reportId, cancellationToken).ConfigureAwait(false);
        var missing = manifest.FilesInOrder.Count(f => !stored.ContainsKey(f));
        if (missing > 0)
        {
            LogAwaitingFiles(reportId, missing);
            return EncryptedReading.StaysEncrypted;
        }

        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var name in manifest.FilesInOrder)
        {
            files[name] = (await attachments.ReadAsync(stored[name], cancellationToken).ConfigureAwait(false)).ToMemory();
        }

        DecryptedSubmission decrypted;
        try
        {
            decrypted = decryptor.Decrypt(manifest, files);
        }
        catch (SubmissionDecryptionException e)
        {
            LogNotDecrypted(reportId);
            return EncryptedReading.Review(e.Message);
        }

        XFormInstance instance;
        try
        {
            instance = XFormInstance.Parse(decrypted.Xml, openRosa.CurrentValue.MaxXmlBytes);
        }
        catch (XmlException e)
        {
            return EncryptedReading.Review($"submission.xml.enc: the decrypted instance cannot be read: {e.Message}");
        }

        if (instance.IsEncrypted || !string.Equals(instance.InstanceId, manifest.InstanceId, StringComparison.Ordinal))
        {
            return EncryptedReading.Review("submission.xml.enc: the decrypted instance's meta/instanceID differs from the manifest's.");
        }

        var rejected = decrypted.Media
            .Where(m => !AttachmentTypes.IsAcceptable(m.FileName, m.Content.Span, instance))
            .Select(m => $"{m.FileName}: decrypts to a file that is not an allowed kind ({string.Join(", ", AttachmentTypes.Allowed)}).")
            .ToList();
        if (rejected.Count > 0)
        {
            return new EncryptedReading(null, rejected);
        }

        LogDecrypted(reportId, decrypted.KeyId, decrypted.Media.Count);
        return new EncryptedReading(instance, []);
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Encrypted report {ReportId} decrypted with key {KeyId}; {MediaCount} media file(s) verified")]
    private partial void LogDecrypted(Guid reportId, string keyId, int mediaCount);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Encrypted report {ReportId} cannot be decrypted or verified; marked for review")]
    private partial void LogNotDecrypted(Guid reportId);

    [LoggerMessage(EventId = 612, Level = LogLevel.Information, Message = "Encrypted report {ReportId} waits for {Missing} file(s) of its manifest")]
    private partial void LogAwaitingFiles(Guid reportId, int missing);
}
