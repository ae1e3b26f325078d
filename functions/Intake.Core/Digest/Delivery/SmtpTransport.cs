using MailKit.Net.Smtp;
using Polly.Registry;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Sends through the SMTP relay with MailKit, one connection per message, inside the
/// <see cref="SmtpResilience"/> pipeline (retry on transient failures, then a circuit breaker).
/// </summary>
internal sealed class SmtpTransport(IOptions<SmtpOptions> options, ResiliencePipelineProvider<string> pipelines) : IDigestTransport
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(SmtpResilience.PipelineKey);

    /// <inheritdoc />
    public string Name => "smtp";

    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        await _pipeline.ExecuteAsync(
            async ct =>
            {
                using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
                if (smtp.PinnedCertificateHash is { Length: > 0 } pinned)
                {
                    // A pinned certificate replaces the trust store: that one and no other.
                    client.ServerCertificateValidationCallback = (_, certificate, _, _) =>
                        certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
                }

                // STARTTLS is required unless the relay is on loopback: MailKit then stops before AUTH
                // if the relay does not offer it, instead of sending the password in clear.
                await client.ConnectAsync(smtp.Host, smtp.Port, smtp.SocketOptions, ct).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct).ConfigureAwait(false);
                }

                await client.SendAsync(message, ct).ConfigureAwait(false);
                await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
