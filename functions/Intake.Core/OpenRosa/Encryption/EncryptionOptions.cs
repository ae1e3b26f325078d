namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// Form encryption, bound from <c>Intake:Encryption</c> (<c>Intake__Encryption__*</c> app settings)
/// and validated at start-up by <see cref="EncryptionOptionsValidator"/>. In Azure the private key
/// is a Key Vault secret that the <see cref="PrivateKeyPem"/> app setting references
/// (<c>@Microsoft.KeyVault(SecretUri=...)</c>), resolved by the platform with the app's managed
/// identity; locally it is a PEM file that <c>intake keys create</c> wrote.
/// </summary>
public sealed class EncryptionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Encryption";

    /// <summary>Off (the default), Managed or Offline.</summary>
    public EncryptionMode Mode { get; set; } = EncryptionMode.Off;

    /// <summary>Managed: the private key ring as PEM text (current key first, then earlier ones).</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Managed: the path of a PEM file holding the private key ring (instead of <see cref="PrivateKeyPem"/>).</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>Offline: the public key, PEM or the base64 a form carries.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Offline: the path of a PEM file holding the public key (instead of <see cref="PublicKey"/>).</summary>
    public string? PublicKeyFile { get; set; }
}
