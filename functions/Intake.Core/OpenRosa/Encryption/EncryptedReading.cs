namespace Intake.Core.OpenRosa.Encryption;

/// <summary>What <see cref="EncryptedSubmissionReader"/> made of an encrypted submission.</summary>
/// <param name="Instance">The decrypted, verified plain instance.</param>
/// <param name="ReviewReasons">Why it cannot be decrypted or accepted (no content); empty when it stays encrypted or was decrypted.</param>
public sealed record EncryptedReading(XFormInstance? Instance, IReadOnlyList<string> ReviewReasons)
{
    /// <summary>Not readable here (no key) or not complete yet: the report stays <c>encrypted</c>.</summary>
    public static EncryptedReading StaysEncrypted { get; } = new(null, []);

    /// <summary>Cannot be decrypted or accepted, for one reason.</summary>
    public static EncryptedReading Review(string reason) => new(null, [reason]);
}
