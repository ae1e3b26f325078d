namespace Intake.Core.OpenRosa.Encryption;

/// <summary>Checks at start-up that the mode has the key it needs and that the key reads, naming the setting at fault.</summary>
public sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var ring = FormEncryption.LoadRing(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail($"Intake:Encryption ({options.Mode}): {e.Message}");
        }
    }

    /// <summary>The text of a setting, refusing a Key Vault reference that the platform did not resolve.</summary>
    internal static string Resolved(string value, string setting)
    {
        if (value.TrimStart().StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{setting} is still a Key Vault reference: the platform could not resolve it. Give the app's managed identity the 'Key Vault Secrets User' role on the vault and check the secret URI.");
        }

        return value;
    }
}
