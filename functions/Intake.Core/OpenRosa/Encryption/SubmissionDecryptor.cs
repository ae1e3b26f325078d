namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// Decrypts an ODK encrypted submission in memory with a key of the <see cref="EncryptionKeyRing"/>
/// and verifies its signature, as ODK Central and Briefcase do: unwrap the AES key (RSA-OAEP),
/// decrypt each file (AES-256-CFB, IV per file from MD5(instanceID + key)), then compare the MD5
/// that the signature wraps with the one computed over the form, key, instance and plain files.
/// Nothing is written anywhere; the stored ciphertext stays the evidence.
/// </summary>
public sealed class SubmissionDecryptor(EncryptionKeyRing keys)
{
    /// <summary>The separator between the form's own version and the key id in a served form's version.</summary>
    public const char KeyIdSeparator = '~';

    /// <summary>The version the form is served with under key <paramref name="keyId"/>: a new version for each key.</summary>
    public static string VersionFor(string formVersion, string keyId) => $"{formVersion}{KeyIdSeparator}{keyId}";

    /// <summary>The key id a served form version carries (<see cref="VersionFor"/>), or null.</summary>
    public static string? KeyIdOf(string formVersion)
    {
        ArgumentNullException.ThrowIfNull(formVersion);
        var at = formVersion.LastIndexOf(KeyIdSeparator);
        return at < 0 ? null : formVersion[(at + 1)..];
    }

    /// <summary>Decrypts and verifies a submission.</summary>
    /// <param name="manifest">The submission manifest.</param>
    /// <param name="encryptedFiles">The stored files by their encrypted names; every file of the manifest must be there.</param>
    /// <exception cref="SubmissionDecryptionException">A file is missing, the key does not unwrap, a file's padding is wrong or the signature does not match.</exception>
    public DecryptedSubmission Decrypt(SubmissionManifest manifest, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> encryptedFiles)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(encryptedFiles);
        if (!keys.CanDecrypt)
        {
            throw new InvalidOperationException("The key ring holds no private key.");
        }

        var missing = manifest.FilesInOrder.Where(f => !encryptedFiles.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new SubmissionDecryptionException($"Encrypted file(s) not received: {string.Join(", ", missing)}.");
        }

        var wrapped = Convert.FromBase64String(manifest.Base64EncryptedKey);
        var aesKey = keys.Unwrap(wrapped, KeyIdOf(manifest.FormVersion), out var rsa)
            ?? throw new SubmissionDecryptionException("base64EncryptedKey: no private key of this server unwraps the submission key (sent for another key, or altered).");

        var plain = new List<(string PlainName, byte[] Content)>();
        var files = manifest.FilesInOrder;
        for (var i = 0; i < files.Count; i++)
        {
            var iv = OdkCipher.Iv(manifest.InstanceId, aesKey, i);
            var content = OdkCipher.Decrypt(aesKey, iv, encryptedFiles[files[i]].Span)
                ?? throw new SubmissionDecryptionException($"{files[i]}: the padding is wrong after decryption (the file is truncated, altered, or not in manifest order).");
            plain.Add((SubmissionManifest.PlainName(files[i]), content));
        }

        Verify(manifest, rsa!, plain);
        var keyId = EncryptionKeyRing.IdOf(rsa!.ExportSubjectPublicKeyInfo());
        return new DecryptedSubmission(plain[^1].Content, [.. plain.Take(plain.Count - 1).Select(p => new DecryptedFile(p.PlainName, p.Content))], keyId);
    }

    private static void Verify(SubmissionManifest manifest, RSA rsa, List<(string PlainName, byte[] Content)> plain)
    {
        byte[] signed;
        try
        {
            signed = rsa.Decrypt(Convert.FromBase64String(manifest.Base64EncryptedSignature), OdkCipher.Padding);
        }
        catch (CryptographicException e)
        {
            throw new SubmissionDecryptionException("base64EncryptedElementSignature: the signature does not unwrap with the submission's key.", e);
        }

        var expected = OdkCipher.SignatureDigest(manifest.FormId, manifest.FormVersion, manifest.Base64EncryptedKey, manifest.InstanceId, plain);
        if (!CryptographicOperations.FixedTimeEquals(signed, expected))
        {
            throw new SubmissionDecryptionException("base64EncryptedElementSignature: the signature does not match the form, key, instance and files (altered or incomplete).");
        }
    }
}
