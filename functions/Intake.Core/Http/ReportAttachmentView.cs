namespace Intake.Core.Http;

/// <summary>
/// One attachment of a report as an admin sees it on <c>GET /api/reports/{id}</c>: enough to
/// list it and fetch it from <c>GET /api/admin/reports/{id}/attachments/{sha256}</c> (audited), never its bytes.
/// </summary>
/// <param name="FileName">The file name the client gave it.</param>
/// <param name="Sha256">The SHA-256 of its bytes (lower-case hex): the key of the attachment route.</param>
/// <param name="ContentType">Its stored media type.</param>
/// <param name="Length">Its size in bytes.</param>
internal sealed record ReportAttachmentView(string FileName, string Sha256, string ContentType, long Length);
