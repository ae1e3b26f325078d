namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// The form encryption in force: the mode, the key ring it read at start-up, and what follows from
/// them, the served forms' public key and version, and the decryptor (managed mode only).
/// </summary>
public sealed class FormEncryption : IDisposable
{
    private readonly EncryptionKeyRing? _ring;

    /// <summary>Reads the keys the options name.</summary>
    /// <exception cref="InvalidOperationException">The options name no usable key (the start-up validation says which).</exception>
    public FormEncryption(IOptions<EncryptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Mode = options.Value.Mode;
        _ring = LoadRing(options.Value);
        Decryptor = _ring is { CanDecrypt: true } ? new SubmissionDecryptor(_ring) : null;
    }

    /// <summary>The mode in force.</summary>
    public EncryptionMode Mode { get; }

    /// <summary>The current key id, or null when encryption is off.</summary>
    public string? KeyId => _ring?.KeyId;

    /// <summary>The decryptor in managed mode; null otherwise (reports stay <c>encrypted</c>).</summary>
    public SubmissionDecryptor? Decryptor { get; }

    /// <summary>The modulus size in bytes of the current key: the length of a wrapped key it can unwrap; null when off.</summary>
    public int? BlockBytes => _ring?.BlockBytes;

    /// <summary>
    /// The catalogue as served: with encryption on, each form carries the current public key in
    /// <c>&lt;submission base64RsaPublicKey="..."/&gt;</c> and a version naming the key, so a
    /// rotation is a new form version that phones download.
    /// </summary>
    public FormCatalog Apply(FormCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (_ring is null)
        {
            return catalog;
        }

        var publicKey = Convert.ToBase64String(_ring.PublicKey.Span);
        return new FormCatalog(catalog.Forms.Select(f => Encrypt(f, publicKey, _ring.KeyId)));
    }

    /// <summary>The ring the options name, or null when encryption is off.</summary>
    /// <exception cref="ArgumentException">A key does not read.</exception>
    /// <exception cref="InvalidOperationException">A key the mode needs is missing, or is an unresolved Key Vault reference.</exception>
    /// <exception cref="IOException">A key file cannot be read.</exception>
    internal static EncryptionKeyRing? LoadRing(EncryptionOptions options)
    {
        switch (options.Mode)
        {
            case EncryptionMode.Off:
                return null;
            case EncryptionMode.Managed:
                var pem = OneOf(options.PrivateKeyPem, options.PrivateKeyFile, "PrivateKeyPem", "PrivateKeyFile");
                return EncryptionKeyRing.FromPrivatePem(pem);
            case EncryptionMode.Offline:
                if (!string.IsNullOrWhiteSpace(options.PrivateKeyPem) || !string.IsNullOrWhiteSpace(options.PrivateKeyFile))
                {
                    throw new InvalidOperationException("Offline mode holds no private key here: remove PrivateKeyPem and PrivateKeyFile, or use Managed.");
                }

                return EncryptionKeyRing.FromPublicKey(OneOf(options.PublicKey, options.PublicKeyFile, "PublicKey", "PublicKeyFile"));
            default:
                throw new InvalidOperationException("Mode must be Off, Managed or Offline.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ring?.Dispose();

    private static string OneOf(string? text, string? file, string textSetting, string fileSetting)
    {
        var hasText = !string.IsNullOrWhiteSpace(text);
        var hasFile = !string.IsNullOrWhiteSpace(file);
        if (hasText == hasFile)
        {
            throw new InvalidOperationException($"Set exactly one of {textSetting} (in Azure, a Key Vault reference) and {fileSetting} (a PEM file path).");
        }

        return hasText ? EncryptionOptionsValidator.Resolved(text!, textSetting) : File.ReadAllText(file!);
    }

    private static BlankForm Encrypt(BlankForm form, string publicKey, string keyId)
    {
        var text = Encoding.UTF8.GetString(form.Xml.Span);
        var root = text.IndexOf($"id=\"{form.FormId}\"", StringComparison.Ordinal);
        var version = $"version=\"{form.Version}\"";
        var at = root < 0 ? -1 : text.IndexOf(version, root, StringComparison.Ordinal);
        var modelEnd = text.IndexOf("</model>", StringComparison.Ordinal);
        if (at < 0 || modelEnd < 0 || at > modelEnd)
        {
            throw new InvalidOperationException($"Form '{form.FormId}' has no version attribute on its primary instance or no </model>: it cannot carry a key.");
        }

        var served = text[..at]
            + $"version=\"{SubmissionDecryptor.VersionFor(form.Version, keyId)}\""
            + text[(at + version.Length)..modelEnd]
            + $"<submission base64RsaPublicKey=\"{publicKey}\"/>\n    "
            + text[modelEnd..];
        return FormCatalog.Describe(Encoding.UTF8.GetBytes(served));
    }
}
