namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// The primitives of ODK's submission encryption (getodk.github.io/xforms-spec/encryption, as
/// ODK Collect's <c>EncryptionUtils</c> implements it): the AES-256 key is wrapped with RSA-OAEP
/// (SHA-256, MGF1 with SHA-256); each file is AES-256-CFB with 128-bit feedback and PKCS#7 padding;
/// the IVs start from the MD5 of the instance id and the key, one byte bumped per file.
/// </summary>
// MD5 is what the ODK format fixes for the IV seed and the signature; it is not our choice.
#pragma warning disable CA5351
internal static class OdkCipher
{
    /// <summary>Bytes in an AES block, an IV and the largest PKCS#7 pad.</summary>
    public const int BlockBytes = 16;

    /// <summary>Bytes in the submission's symmetric key (AES-256).</summary>
    public const int KeyBytes = 32;

    /// <summary>The RSA padding Collect's <c>RSA/NONE/OAEPWithSHA256AndMGF1Padding</c> (BouncyCastle) produces.</summary>
    public static RSAEncryptionPadding Padding => RSAEncryptionPadding.OaepSHA256;

    /// <summary>The IV of the file at <paramref name="index"/> (media in manifest order, then the submission).</summary>
    public static byte[] Iv(string instanceId, ReadOnlySpan<byte> key, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var seed = Seed(instanceId, key);
        // Collect bumps seed[counter % 16] before each file, the counter starting at 0; the bumps add up.
        for (var i = 0; i <= index; i++)
        {
            seed[i % BlockBytes]++;
        }

        return seed;
    }

    /// <summary>Decrypts one file and removes its PKCS#7 padding; null when the padding is wrong.</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length == 0 || ciphertext.Length % BlockBytes != 0)
        {
            return null;
        }

        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var padded = aes.DecryptCfb(ciphertext, iv, PaddingMode.None, feedbackSizeInBits: 128);
        var pad = padded[^1];
        if (pad is 0 or > BlockBytes)
        {
            return null;
        }

        var wrong = 0;
        for (var i = padded.Length - pad; i < padded.Length; i++)
        {
            wrong |= padded[i] ^ pad;
        }

        return wrong == 0 ? padded[..^pad] : null;
    }

    /// <summary>Encrypts one file as Collect does (for tools that write test data and for round trips).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        return aes.EncryptCfb(plaintext, iv, PaddingMode.PKCS7, feedbackSizeInBits: 128);
    }

    /// <summary>
    /// The text whose MD5 Collect encrypts as the element signature: form id, version (when the form
    /// has one), the wrapped key, the instance id, then <c>name::md5</c> of each plain file (media in
    /// manifest order, then <c>submission.xml</c>), each followed by a newline.
    /// </summary>
    public static byte[] SignatureDigest(string formId, string? formVersion, string base64EncryptedKey, string instanceId, IEnumerable<(string PlainName, byte[] Content)> files)
    {
        var text = new StringBuilder();
        text.Append(formId).Append('\n');
        if (!string.IsNullOrEmpty(formVersion))
        {
            text.Append(formVersion).Append('\n');
        }

        text.Append(base64EncryptedKey).Append('\n').Append(instanceId).Append('\n');
        foreach (var (name, content) in files)
        {
            text.Append(name).Append("::").Append(Convert.ToHexStringLower(MD5.HashData(content))).Append('\n');
        }

        return MD5.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static byte[] Seed(string instanceId, ReadOnlySpan<byte> key)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(instanceId) + key.Length];
        var written = Encoding.UTF8.GetBytes(instanceId, input);
        key.CopyTo(input.AsSpan(written));
        return MD5.HashData(input);
    }
}
#pragma warning restore CA5351
