using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Intake.Core.Digest.Delivery;
using Intake.Testing.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly.Registry;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// The digest transport against a real SMTP server that offers STARTTLS with a self-signed
/// certificate and requires a login: the password only ever crosses an encrypted connection,
/// and a relay that does not offer STARTTLS (or shows another certificate) gets no password.
/// </summary>
public sealed class SmtpTlsTests : IDisposable
{
    private const string User = "digest-sender";
    private const string Password = "correct horse battery staple";

    private readonly X509Certificate2 _certificate = SelfSigned();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartTls_WithThePinnedCertificateAndALogin_DeliversOverAnEncryptedConnection()
    {
        await using var relay = RecordingSmtpServer.Start(_certificate, (User, Password));

        await Transport(relay, SmtpSecurity.StartTls, _certificate).SendAsync(Message(), Ct);

        var message = Assert.Single(relay.Messages);
        Assert.Equal("Daily situation digest", message.Subject);
        var login = Assert.Single(relay.Logins);
        Assert.Equal(User, login.User);
        Assert.True(login.Encrypted, "The login came before the connection was encrypted.");
    }

    [Fact]
    public async Task Auto_OnLoopback_UsesStartTlsWhenTheRelayOffersIt()
    {
        await using var relay = RecordingSmtpServer.Start(_certificate, (User, Password));

        await Transport(relay, SmtpSecurity.Auto, _certificate).SendAsync(Message(), Ct);

        Assert.Single(relay.Messages);
        Assert.True(Assert.Single(relay.Logins).Encrypted);
    }

    [Fact]
    public async Task StartTlsRequired_RelayThatDoesNotOfferIt_GetsNeitherThePasswordNorTheMessage()
    {
        // What an on-path attacker who strips the STARTTLS offer looks like to the client.
        await using var relay = RecordingSmtpServer.Start(certificate: null, (User, Password));

        await Assert.ThrowsAsync<NotSupportedException>(() => Transport(relay, SmtpSecurity.StartTls, _certificate).SendAsync(Message(), Ct));

        Assert.Empty(relay.Logins);
        Assert.Empty(relay.Messages);
    }

    [Fact]
    public async Task PinnedCertificate_RelayShowingAnotherCertificate_GetsNeitherThePasswordNorTheMessage()
    {
        using var impostor = SelfSigned();
        await using var relay = RecordingSmtpServer.Start(impostor, (User, Password));

        await Assert.ThrowsAsync<SslHandshakeException>(() => Transport(relay, SmtpSecurity.StartTls, _certificate).SendAsync(Message(), Ct));

        Assert.Empty(relay.Logins);
        Assert.Empty(relay.Messages);
    }

    [Fact]
    public async Task NoPinnedCertificate_SelfSignedRelay_IsRefusedByTheTrustStore()
    {
        await using var relay = RecordingSmtpServer.Start(_certificate, (User, Password));

        await Assert.ThrowsAsync<SslHandshakeException>(() => Transport(relay, SmtpSecurity.StartTls, pinned: null).SendAsync(Message(), Ct));

        Assert.Empty(relay.Logins);
    }

    public void Dispose() => _certificate.Dispose();

    private static SmtpTransport Transport(RecordingSmtpServer relay, SmtpSecurity security, X509Certificate2? pinned)
    {
        var options = Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = relay.Port,
            From = "digest@intake.test",
            UserName = User,
            Password = Password,
            Security = security,
            ServerCertificateSha256 = pinned?.GetCertHashString(HashAlgorithmName.SHA256) ?? "",
            Timeout = TimeSpan.FromSeconds(20),
        });
        Assert.Null(options.Value.Problem());
        var services = new ServiceCollection().AddSingleton<IOptions<SmtpOptions>>(options).AddSmtpResilience().BuildServiceProvider();
        return new SmtpTransport(options, services.GetRequiredService<ResiliencePipelineProvider<string>>());
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "Daily situation digest", Body = new TextPart("plain") { Text = "No alerts." } };
        message.From.Add(MailboxAddress.Parse("digest@intake.test"));
        message.To.Add(MailboxAddress.Parse("analyst@intake.test"));
        return message;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-loaded from PKCS#12 so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
