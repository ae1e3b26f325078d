using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Intake.Core.Digest.Flash;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intake.Testing.Webhooks;

/// <summary>
/// A real webhook receiver (Kestrel on 127.0.0.1) that verifies each delivery's
/// <c>Intake-Signature</c>, records it by <c>Intake-Delivery</c> id with its arrival time, and can
/// be stopped and started again on the same port to play a receiver that is down for a while.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private WebApplication? _app;

    private WebhookReceiver()
    {
    }

    /// <summary>The port: the kernel's choice at the first start (port 0, read back from Kestrel), the same across restarts.</summary>
    public int Port { get; private set; }

    /// <summary>The URL to register: <c>http://127.0.0.1:port/hook</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The signing secret; deliveries whose signature does not verify are answered 401 and recorded as such.</summary>
    public string? Secret { get; set; }

    /// <summary>Every delivery received, in arrival order (repeats included).</summary>
    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <summary>Starts a receiver on a port the kernel chooses.</summary>
    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new WebhookReceiver();
        await receiver.StartAgainAsync(cancellationToken);
        return receiver;
    }

    /// <summary>
    /// Starts listening again (after <see cref="StopAsync"/>) on the same port, where the sender
    /// knows it: a receiver that was down for a while. The port was this receiver's a moment before.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var valid = Secret is not null && FlashSignature.Verify(Secret, body, request.Headers[FlashSignature.Header]);
            var json = JsonNode.Parse(body)!.AsObject();
            _received.Enqueue(new ReceivedDelivery(request.Headers[FlashSignature.DeliveryHeader].ToString(), valid, json, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow));
            return valid ? Results.NoContent() : Results.StatusCode((int)HttpStatusCode.Unauthorized);
        });
        await app.StartAsync(cancellationToken);
        _app = app;
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> distinct, validly signed delivery ids have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> WaitForDistinctAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.Where(r => r.SignatureValid).Select(r => r.DeliveryId).Distinct().Count() >= count)
            {
                return Received;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"{Received.Count} deliveries arrived, fewer than {count} distinct within {timeout}.");
    }

    /// <summary>Waits until at least <paramref name="count"/> deliveries (repeats included) have arrived.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Received.Count} deliveries arrived, fewer than {count} within {timeout}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());
}
