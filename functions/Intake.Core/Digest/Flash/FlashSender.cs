using System.Net.Http.Headers;
using Intake.Core.Digest.Delivery;
using Intake.Core.Places;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// One attempt of one delivery: a signed JSON POST to a webhook (redirects are not followed), or
/// an e-mail through the digest's transport (MailKit, or the outbox). Throws
/// <see cref="FlashDeliveryException"/> when the receiver did not take it.
/// </summary>
public sealed class FlashSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly FlashWebhookStore _webhooks;
    private readonly SubscriberStore _subscribers;
    private readonly IDigestTransport _mail;
    private readonly IOptions<SmtpOptions> _smtp;
    private readonly Gazetteer? _gazetteer;

    /// <summary>Creates the sender with its own HTTP client (one connection pool for every webhook).</summary>
    public FlashSender(FlashWebhookStore webhooks, SubscriberStore subscribers, IDigestTransport mail, IOptions<SmtpOptions> smtp, IOptions<FlashOptions> options, Gazetteer? gazetteer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _webhooks = webhooks;
        _subscribers = subscribers;
        _mail = mail;
        _smtp = smtp;
        _gazetteer = gazetteer;
        // No redirects: a signed delivery goes only to the URL an admin registered.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Value.WebhookTimeout,
        };
    }

    /// <summary>Attempts <paramref name="stored"/> once.</summary>
    /// <exception cref="FlashDeliveryException">The receiver refused it, could not be reached, or is gone (<see cref="FlashDeliveryException.Permanent"/>).</exception>
    internal async Task SendAsync(StoredFlashDelivery stored, CancellationToken cancellationToken)
    {
        var delivery = stored.Delivery;
        if (delivery.Channel == FlashDelivery.Webhook)
        {
            await PostAsync(delivery, stored.Body, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await MailAsync(delivery, stored.Body, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PostAsync(FlashDelivery delivery, string body, CancellationToken cancellationToken)
    {
        var webhook = await _webhooks.GetWithSecretAsync(delivery.TargetId, cancellationToken).ConfigureAwait(false)
            ?? throw new FlashDeliveryException("webhook removed", permanent: true);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Webhook.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(FlashSignature.Header, FlashSignature.Compute(webhook.Secret, bytes));
        request.Headers.Add(FlashSignature.DeliveryHeader, delivery.Id.ToString("D"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Intake-Flash", "1"));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FlashDeliveryException($"connection failed ({e.HttpRequestError})", permanent: false, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FlashDeliveryException("timed out", permanent: false, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The status only: a receiver's body could say anything, and is not ours to store.
                throw new FlashDeliveryException(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"), permanent: false);
            }
        }
    }

    private async Task MailAsync(FlashDelivery delivery, string body, CancellationToken cancellationToken)
    {
        var subscriber = await _subscribers.GetAsync(delivery.TargetId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Flash: true })
        {
            throw new FlashDeliveryException("subscriber removed or no longer opted in", permanent: true);
        }

        var alert = JsonSerializer.Deserialize(body, FlashJsonContext.Default.FlashAlert)!;
        var message = FlashMessage.Build(alert, subscriber, string.IsNullOrEmpty(_smtp.Value.From) ? "flash@intake.invalid" : _smtp.Value.From, _gazetteer is null ? null : _gazetteer.NameOf);
        try
        {
            await _mail.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FlashDeliveryException($"mail failed ({e.GetType().Name})", permanent: false, e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
