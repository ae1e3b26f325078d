namespace Intake.Core.OpenRosa.Encryption;

/// <summary>What is wrong with an encrypted submission manifest; never carries submitted content.</summary>
/// <param name="Field">The manifest element or attribute at fault, such as <c>base64EncryptedKey</c>.</param>
/// <param name="Detail">What is wrong with it.</param>
public sealed record ManifestProblem(string Field, string Detail);
