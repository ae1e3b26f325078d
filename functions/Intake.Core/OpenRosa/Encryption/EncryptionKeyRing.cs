namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// The form's RSA keys: the current one first (its public key goes into the served form), then the
/// keys of earlier rotations, kept so that reports sent with an older form version still decrypt.
/// A ring is read from PEM text (one or more <c>PRIVATE KEY</c> blocks) or, in offline mode, holds
/// a public key only and decrypts nothing.
/// </summary>
public sealed class EncryptionKeyRing : IDisposable
{
    private readonly List<(string Id, RSA Key)> _private;

    private EncryptionKeyRing(List<(string Id, RSA Key)> privateKeys, byte[] publicKey)
    {
        _private = privateKeys;
        PublicKey = publicKey;
        KeyId = IdOf(publicKey);
    }

    /// <summary>The current public key (DER SubjectPublicKeyInfo): what the form carries as <c>base64RsaPublicKey</c>.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The current key's id: the first 8 bytes of the SHA-256 of its public key, in hex.</summary>
    public string KeyId { get; }

    /// <summary>The modulus size of the current key, in bytes: the length of every wrapped key and signature.</summary>
    public int BlockBytes => _private.Count > 0 ? _private[0].Key.KeySize / 8 : PublicKeySize(PublicKey.Span) / 8;

    /// <summary>True when the ring holds private keys (managed mode).</summary>
    public bool CanDecrypt => _private.Count > 0;

    /// <summary>The ids of the private keys, current first.</summary>
    public IReadOnlyList<string> PrivateKeyIds => [.. _private.Select(k => k.Id)];

    /// <summary>Reads private keys from PEM text, the current key first.</summary>
    /// <exception cref="ArgumentException">The text holds no RSA private key, or a block cannot be read.</exception>
    public static EncryptionKeyRing FromPrivatePem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var keys = new List<(string, RSA)>();
        foreach (var block in PemBlocks(pem))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(block);
            }
            catch (CryptographicException e)
            {
                rsa.Dispose();
                throw new ArgumentException("A PEM block is not an RSA private key.", nameof(pem), e);
            }

            keys.Add((IdOf(rsa.ExportSubjectPublicKeyInfo()), rsa));
        }

        if (keys.Count == 0)
        {
            throw new ArgumentException("The text holds no '-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----' block.", nameof(pem));
        }

        return new EncryptionKeyRing(keys, keys[0].Item2.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Reads a public key only (offline mode): PEM, or the bare base64 a form carries.</summary>
    /// <exception cref="ArgumentException">The text is not an RSA public key.</exception>
    public static EncryptionKeyRing FromPublicKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Contains("-----BEGIN", StringComparison.Ordinal)
            ? string.Concat(text.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()))
            : text.Trim();
        byte[] der;
        try
        {
            der = Convert.FromBase64String(body);
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            der = rsa.ExportSubjectPublicKeyInfo();
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new ArgumentException("The text is not an RSA public key (SubjectPublicKeyInfo, PEM or base64).", nameof(text), e);
        }

        return new EncryptionKeyRing([], der);
    }

    /// <summary>The key id of a public key (DER SubjectPublicKeyInfo).</summary>
    public static string IdOf(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey)[..8]);

    /// <summary>
    /// Unwraps a submission key: first with the key whose id <paramref name="preferredKeyId"/> names
    /// (the form version carries it), then with the others. Null when no key of the ring unwraps it.
    /// </summary>
    internal byte[]? Unwrap(ReadOnlySpan<byte> wrapped, string? preferredKeyId, out RSA? key)
    {
        foreach (var (_, candidate) in _private.OrderBy(k => k.Id == preferredKeyId ? 0 : 1))
        {
            if (candidate.KeySize / 8 != wrapped.Length)
            {
                continue;
            }

            try
            {
                var plain = candidate.Decrypt(wrapped.ToArray(), OdkCipher.Padding);
                if (plain.Length == OdkCipher.KeyBytes)
                {
                    key = candidate;
                    return plain;
                }
            }
            catch (CryptographicException)
            {
                // Not this key (or not a key at all): try the next.
            }
        }

        key = null;
        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, key) in _private)
        {
            key.Dispose();
        }
    }

    private static int PublicKeySize(ReadOnlySpan<byte> der)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(der, out _);
        return rsa.KeySize;
    }

    private static IEnumerable<string> PemBlocks(string pem)
    {
        var start = 0;
        while (true)
        {
            var begin = pem.IndexOf("-----BEGIN", start, StringComparison.Ordinal);
            if (begin < 0)
            {
                yield break;
            }

            var endMarker = pem.IndexOf("-----END", begin, StringComparison.Ordinal);
            var end = endMarker < 0 ? -1 : pem.IndexOf("-----", endMarker + 8, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new ArgumentException("A PEM block has no END line.", nameof(pem));
            }

            end += 5;
            var block = pem[begin..end];
            if (block.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                yield return block;
            }

            start = end;
        }
    }
}
