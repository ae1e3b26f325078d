namespace Intake.Core.OpenRosa.Encryption;

/// <summary>Whether the served forms are encrypted, and who holds the private key.</summary>
public enum EncryptionMode
{
    /// <summary>Forms carry no public key; phones send in clear. Encrypted submissions from other forms stay <c>encrypted</c>.</summary>
    Off,

    /// <summary>The server holds the private key (Key Vault in Azure) and decrypts in memory; reports are processed and counted.</summary>
    Managed,

    /// <summary>The server holds only the public key; reports stay <c>encrypted</c> and are decrypted with <c>intake decrypt</c>.</summary>
    Offline,
}
