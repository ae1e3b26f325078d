namespace Intake.Core.OpenRosa.Encryption;

/// <summary>A media file of an encrypted submission, decrypted in memory.</summary>
/// <param name="FileName">The plain name (without <c>.enc</c>), as the instance names it.</param>
/// <param name="Content">The plain bytes.</param>
public sealed record DecryptedFile(string FileName, ReadOnlyMemory<byte> Content);
