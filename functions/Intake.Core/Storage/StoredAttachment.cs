namespace Intake.Core.Storage;

/// <summary>One attachment of a submission, as stored.</summary>
/// <param name="FileName">The name the submission gives it (the multipart file name).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes; the content blob's name.</param>
/// <param name="ContentType">The type sniffed from its bytes (<c>application/octet-stream</c> when encrypted).</param>
/// <param name="Length">Size in bytes.</param>
public sealed record StoredAttachment(string FileName, string Sha256, string ContentType, long Length);
