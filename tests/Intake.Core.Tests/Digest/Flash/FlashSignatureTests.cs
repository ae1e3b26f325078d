using System.Security.Cryptography;
using System.Text;
using Intake.Core.Digest.Flash;

namespace Intake.Core.Tests.Digest.Flash;

public sealed class FlashSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"schema":"intake-flash/1","deliveryId":"6b1f6f0e-0000-0000-0000-000000000001"}""");

    [Fact]
    public void Compute_Body_IsSha256PrefixAndLowerHexHmacOfTheRawBytes()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Body));

        var header = FlashSignature.Compute(Secret, Body);

        Assert.Equal(expected, header);
        Assert.Equal(7 + 64, header.Length);
    }

    [Fact]
    public void Compute_KnownVector_MatchesOpenSsl()
    {
        // printf '%s' 'hello' | openssl dgst -sha256 -hmac 'key'
        Assert.Equal("sha256=9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b", FlashSignature.Compute("key", "hello"u8));
    }

    [Fact]
    public void Verify_SameBodyAndSecret_True()
    {
        Assert.True(FlashSignature.Verify(Secret, Body, FlashSignature.Compute(Secret, Body)));
    }

    [Theory]
    [InlineData("other-secret", false, null)]
    [InlineData(Secret, true, null)]
    [InlineData(Secret, false, "sha1=00")]
    [InlineData(Secret, false, "")]
    public void Verify_WrongSecretTamperedBodyOrBadHeader_False(string secret, bool tamper, string? header)
    {
        var body = (byte[])Body.Clone();
        var signature = header ?? FlashSignature.Compute(Secret, body);
        if (tamper)
        {
            body[^2] ^= 1;
        }

        Assert.False(FlashSignature.Verify(secret, body, signature));
    }

    [Fact]
    public void NewSecret_Twice_DifferentUrlSafeAndLong()
    {
        var a = FlashSignature.NewSecret();
        var b = FlashSignature.NewSecret();

        Assert.NotEqual(a, b);
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(6 + 43, a.Length);
        Assert.DoesNotContain('+', a);
        Assert.DoesNotContain('/', a);
    }
}
