namespace Intake.Core.OpenRosa.Encryption;

/// <summary>An encrypted submission as stored: nothing decrypted, nothing a server without the key could read.</summary>
/// <param name="ReportId">The report id.</param>
/// <param name="ReceivedAt">When the manifest arrived.</param>
/// <param name="Manifest">The manifest bytes as received, base64.</param>
/// <param name="Files">The stored files the manifest names, in manifest order (media, then <c>submission.xml.enc</c>); absent ones are left out.</param>
public sealed record EncryptedSubmissionView(Guid ReportId, DateTimeOffset ReceivedAt, string Manifest, IReadOnlyList<EncryptedFileView> Files);
