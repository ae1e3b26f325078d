namespace Intake.Core.OpenRosa.Encryption;

/// <summary>An encrypted submission decrypted in memory and verified against its signature.</summary>
/// <param name="Xml">The plain instance (<c>submission.xml</c>).</param>
/// <param name="Media">The plain media files, in manifest order.</param>
/// <param name="KeyId">The id of the private key that unwrapped it.</param>
public sealed record DecryptedSubmission(ReadOnlyMemory<byte> Xml, IReadOnlyList<DecryptedFile> Media, string KeyId);
