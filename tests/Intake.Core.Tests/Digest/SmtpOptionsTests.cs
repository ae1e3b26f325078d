using Intake.Core.Digest.Delivery;
using MailKit.Security;

namespace Intake.Core.Tests.Digest;

public sealed class SmtpOptionsTests
{
    [Theory]
    [InlineData("smtp.example.org", 587, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.org", 25, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.org", 465, SecureSocketOptions.SslOnConnect)]
    [InlineData("127.0.0.1", 2525, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("localhost", 25, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("::1", 25, SecureSocketOptions.StartTlsWhenAvailable)]
    public void Auto_RequiresTlsUnlessTheRelayIsOnLoopback(string host, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, Relay(host, port).SocketOptions);

    [Fact]
    public void PlainText_ToARemoteRelay_StopsStartUpNamingTheSetting()
    {
        var options = Relay("smtp.example.org", 25);
        options.Security = SmtpSecurity.None;

        Assert.Contains("Smtp:Security", options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_ToALoopbackRelay_IsAllowed()
    {
        var options = Relay("127.0.0.1", 25);
        options.Security = SmtpSecurity.None;

        Assert.Null(options.Problem());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz:00")]
    public void PinnedCertificate_NotASha256_StopsStartUpNamingTheSetting(string pin)
    {
        var options = Relay("smtp.example.org", 587);
        options.ServerCertificateSha256 = pin;

        Assert.Contains("Smtp:ServerCertificateSha256", options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void PinnedCertificate_WithColonsAndLowerCase_IsNormalised()
    {
        var options = Relay("smtp.example.org", 587);
        options.ServerCertificateSha256 = string.Join(':', Enumerable.Repeat("ab", 32));

        Assert.Null(options.Problem());
        Assert.Equal(string.Concat(Enumerable.Repeat("AB", 32)), options.PinnedCertificateHash);
    }

    private static SmtpOptions Relay(string host, int port) => new() { Host = host, Port = port, From = "digest@intake.test" };
}
