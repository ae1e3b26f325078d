using Intake.Core.Configuration;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// Attempts flash deliveries and owns their retries: a failed attempt puts a new message on queue
/// <see cref="StorageNames.FlashQueue"/> that stays invisible for the backoff delay (exponential
/// with jitter, <see cref="FlashOptions.FirstRetryDelay"/> doubling up to
/// <see cref="FlashOptions.MaxRetryDelay"/>), so a pending retry survives a host restart. After
/// <see cref="FlashOptions.RetryFor"/> the delivery is dead-lettered (status <c>dead</c>) until an
/// admin redelivers it. At least once: a receiver drops a repeated <c>Intake-Delivery</c> id.
/// </summary>
public sealed partial class FlashDeliverer(
    FlashDeliveryStore deliveries,
    FlashSender sender,
    QueueServiceClient queues,
    IOptions<FlashOptions> options,
    TimeProvider time,
    ILogger<FlashDeliverer> logger)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.FlashQueue);

    /// <summary>Handles one message of the queue: attempts the delivery, and schedules the next attempt if it fails.</summary>
    public Task RunAsync(FlashDeliveryMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AttemptAsync(message.DeliveryId, scheduleNext: true, cancellationToken);
    }

    /// <summary>Parses a queue message.</summary>
    /// <exception cref="JsonException">The text is not a flash delivery message.</exception>
    public static FlashDeliveryMessage Deserialize(string text) =>
        JsonSerializer.Deserialize(text, FlashJsonContext.Default.FlashDeliveryMessage) ?? throw new JsonException("The queue message is empty.");

    /// <summary>Queues an attempt of <paramref name="deliveryId"/> after <paramref name="delay"/>.</summary>
    internal async Task EnqueueAsync(Guid deliveryId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var text = JsonSerializer.Serialize(new FlashDeliveryMessage(deliveryId), FlashJsonContext.Default.FlashDeliveryMessage);
        await _queue.SendMessageAsync(text, visibilityTimeout: delay, timeToLive: TimeSpan.FromDays(7), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a delivery again now (any status), with a fresh retry budget; null when there is none.</summary>
    public async Task<FlashDelivery?> RedeliverAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var stored = await deliveries.GetStoredAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var d = stored.Delivery;
        await deliveries.UpdateAsync(d.Id, FlashStatuses.Pending, d.Attempts, d.LastAttemptAt, now, d.DeliveredAt, d.LastError, retryFrom: now, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(d.Id, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        LogRedeliver(d.Id);
        return d with { Status = FlashStatuses.Pending, NextAttemptAt = now };
    }

    /// <summary>One attempt. With <paramref name="scheduleNext"/> false (the processor's immediate attempt) a failure relies on the message already queued.</summary>
    internal async Task AttemptAsync(Guid deliveryId, bool scheduleNext, CancellationToken cancellationToken)
    {
        var stored = await deliveries.GetStoredAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Delivery.Status is FlashStatuses.Delivered or FlashStatuses.Dead)
        {
            return;
        }

        var d = stored.Delivery;
        var attempts = d.Attempts + 1;
        try
        {
            await sender.SendAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        catch (FlashDeliveryException e)
        {
            var now = time.GetUtcNow();
            var delay = Backoff(attempts);
            var dead = e.Permanent || now + delay > stored.RetryFrom + options.Value.RetryFor;
            if (dead)
            {
                await deliveries.UpdateAsync(d.Id, FlashStatuses.Dead, attempts, now, null, null, e.Message, null, cancellationToken).ConfigureAwait(false);
                LogDead(d.Id, d.Channel, attempts, e.Message);
                return;
            }

            var next = scheduleNext ? now + delay : d.NextAttemptAt;
            // Queued before the row says so: a crash in between leaves an extra attempt, never a lost one.
            if (scheduleNext)
            {
                await EnqueueAsync(d.Id, delay, cancellationToken).ConfigureAwait(false);
            }

            await deliveries.UpdateAsync(d.Id, FlashStatuses.Failed, attempts, now, next, null, e.Message, null, cancellationToken).ConfigureAwait(false);
            LogFailed(d.Id, d.Channel, attempts, e.Message, next);
            return;
        }

        var delivered = time.GetUtcNow();
        await deliveries.UpdateAsync(d.Id, FlashStatuses.Delivered, attempts, delivered, null, delivered, null, null, cancellationToken).ConfigureAwait(false);
        LogDelivered(d.Id, d.Channel, attempts, (delivered - d.CreatedAt).TotalMilliseconds);
    }

    /// <summary>The delay before attempt <paramref name="attempt"/> + 1: doubling from the first delay, capped, with ±20 % jitter.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var o = options.Value;
        var exponential = o.FirstRetryDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, o.MaxRetryDelay.TotalSeconds);
        // Jitter spreads the retries of many deliveries to one receiver that was down.
        return TimeSpan.FromSeconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Flash delivery {DeliveryId} by {Channel} delivered on attempt {Attempt} after {ElapsedMs} ms")]
    private partial void LogDelivered(Guid deliveryId, string channel, int attempt, double elapsedMs);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Flash delivery {DeliveryId} by {Channel} failed on attempt {Attempt} ({Error}); next attempt at {NextAttemptAt}")]
    private partial void LogFailed(Guid deliveryId, string channel, int attempt, string error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(EventId = 702, Level = LogLevel.Error, Message = "Flash delivery {DeliveryId} by {Channel} dead-lettered after {Attempt} attempts ({Error})")]
    private partial void LogDead(Guid deliveryId, string channel, int attempt, string error);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Flash delivery {DeliveryId} queued again by an admin")]
    private partial void LogRedeliver(Guid deliveryId);
}
