namespace Intake.Core.OpenRosa.Encryption;

/// <summary>One stored encrypted file of a submission.</summary>
/// <param name="FileName">The name the manifest gives it (<c>*.enc</c>).</param>
/// <param name="Sha256">Its SHA-256, the key of <c>GET /api/admin/reports/{id}/attachments/{sha256}</c>.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record EncryptedFileView(string FileName, string Sha256, long Length);
