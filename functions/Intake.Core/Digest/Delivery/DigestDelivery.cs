using Intake.Core.Digest.Rendering;
using Intake.Core.Places;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Sends a compiled day's digest to its subscribers, each cut to the regions followed, at most
/// once per (day, subscriber) unless forced. A subscriber whose send fails is marked failed in the
/// ledger, does not stop the others, and is sent to again by <see cref="RetryFailedAsync"/>.
/// </summary>
public sealed partial class DigestDelivery(
    DigestArchive archive,
    SubscriberStore subscribers,
    DeliveryLedger ledger,
    IDigestTransport transport,
    IOptions<SmtpOptions> smtp,
    ILogger<DigestDelivery> logger,
    Gazetteer? gazetteer = null)
{
    /// <summary>Sends the digest of <paramref name="day"/>.</summary>
    /// <param name="day">A compiled day.</param>
    /// <param name="force">Send again to subscribers already sent to.</param>
    /// <param name="subscriberId">Only this subscriber; null for all.</param>
    /// <param name="cancellationToken">Cancels the remaining sends.</param>
    /// <returns>One outcome per subscriber; null when the day is not compiled.</returns>
    public async Task<IReadOnlyList<DeliveryOutcome>?> SendAsync(DateOnly day, bool force, Guid? subscriberId, CancellationToken cancellationToken = default)
    {
        var json = await archive.ReadAsync(day, DigestArchive.JsonFile, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        var digest = DigestJson.Deserialize(json);
        var recordJson = await archive.ReadAsync(day, DigestArchive.CompileFile, cancellationToken).ConfigureAwait(false);
        var record = recordJson is null ? null : JsonSerializer.Deserialize<DigestCompileRecord>(recordJson, DigestJson.Options);

        var targets = new List<Subscriber>();
        if (subscriberId is { } id)
        {
            if (await subscribers.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } one)
            {
                targets.Add(one);
            }
        }
        else
        {
            await foreach (var s in subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                targets.Add(s);
            }
        }

        var outcomes = new List<DeliveryOutcome>();
        foreach (var subscriber in targets)
        {
            outcomes.Add(await SendOneAsync(day, digest, record, subscriber, force, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>
    /// Sends the digest of <paramref name="day"/> again to the subscribers whose delivery of it failed
    /// (and only to them: a subscriber added since gets no past digest). Subscribers removed since are skipped.
    /// </summary>
    /// <returns>One outcome per failed delivery retried; empty when none failed or the day is not compiled.</returns>
    public async Task<IReadOnlyList<DeliveryOutcome>> RetryFailedAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var failed = await ledger.ListFailedAsync(day, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<DeliveryOutcome>();
        foreach (var subscriberId in failed)
        {
            outcomes.AddRange(await SendAsync(day, force: false, subscriberId, cancellationToken).ConfigureAwait(false) ?? []);
        }

        return outcomes;
    }

    private async Task<DeliveryOutcome> SendOneAsync(DateOnly day, SituationDigest digest, DigestCompileRecord? record, Subscriber subscriber, bool force, CancellationToken cancellationToken)
    {
        if (!await ledger.TryClaimAsync(day, subscriber.Id, force, cancellationToken).ConfigureAwait(false))
        {
            LogSkipped(day, subscriber.Id);
            return new DeliveryOutcome(subscriber.Id, "skipped", null);
        }

        try
        {
            using var message = DigestMessage.Build(digest, record, subscriber, smtp.Value.Sender, gazetteer);
            await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, day, subscriber.Id);
            await ledger.ReleaseAsync(day, subscriber.Id, CancellationToken.None).ConfigureAwait(false);
            return new DeliveryOutcome(subscriber.Id, "failed", null);
        }

        await ledger.MarkSentAsync(day, subscriber.Id, transport.Name, CancellationToken.None).ConfigureAwait(false);
        LogSent(day, subscriber.Id, transport.Name);
        return new DeliveryOutcome(subscriber.Id, "sent", transport.Name);
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Sent the digest of {Day} to subscriber {SubscriberId} via {Via}")]
    private partial void LogSent(DateOnly day, Guid subscriberId, string via);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "The digest of {Day} was already sent to subscriber {SubscriberId}; not sent again")]
    private partial void LogSkipped(DateOnly day, Guid subscriberId);

    [LoggerMessage(EventId = 412, Level = LogLevel.Error, Message = "Sending the digest of {Day} to subscriber {SubscriberId} failed; the next daily run tries again, within the catch-up window")]
    private partial void LogFailed(Exception exception, DateOnly day, Guid subscriberId);
}
