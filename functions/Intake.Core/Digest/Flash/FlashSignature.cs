namespace Intake.Core.Digest.Flash;

/// <summary>
/// The webhook signature: <c>Intake-Signature: sha256=&lt;hex&gt;</c>, the lower-case hex of
/// HMAC-SHA256 over the raw request body, keyed with the UTF-8 bytes of the webhook's secret.
/// </summary>
public static class FlashSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "Intake-Signature";

    /// <summary>The header that carries the delivery id (also in the body).</summary>
    public const string DeliveryHeader = "Intake-Delivery";

    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> (constant-time).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }

    /// <summary>A new secret: 32 random bytes, base64url, prefixed <c>whsec_</c>.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
