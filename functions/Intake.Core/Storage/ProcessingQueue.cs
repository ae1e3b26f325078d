using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>The queue of reports waiting to be processed.</summary>
public sealed class ProcessingQueue(QueueServiceClient queues)
{
    /// <summary>Most reports one message names: a batch is processed with a few table transactions, and a message stays far below 64 KiB.</summary>
    public const int MaxBatch = 32;

    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.ProcessingQueue);
    private readonly QueueClient _poison = queues.GetQueueClient(StorageNames.PoisonQueue);

    /// <summary>Puts a message on the queue. Sending one twice is harmless: processing is idempotent.</summary>
    /// <remarks>
    /// Processing messages never expire (the storage default would drop them after 7 days). The
    /// reconciler re-drives a report still <c>received</c> only while its day of receipt is within
    /// <see cref="IntakeOptions.ReconcileLookback"/>; a message that could expire would leave a report
    /// received before that window, during a long processing outage, with neither a message nor a
    /// re-drive. With no expiry the last message sent for it waits until it is processed (or poisoned
    /// after five deliveries), whatever the look-back.
    /// </remarks>
    public async Task EnqueueAsync(ProcessReportMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _queue.SendMessageAsync(Serialize(message), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts several reports on the queue, <see cref="MaxBatch"/> per message; never expiring, as <see cref="EnqueueAsync(ProcessReportMessage, CancellationToken)"/> explains.</summary>
    public async Task EnqueueAsync(IReadOnlyList<ProcessReportMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var chunk in messages.Chunk(MaxBatch))
        {
            await _queue.SendMessageAsync(Serialize(chunk), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A queue message's time-to-live that never ends (the storage service's <c>-1</c>).</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>
    /// Puts reports on the poison queue, one message each, as the queue runtime would after the last
    /// delivery, but without an expiry: the runtime's own copy expires after 7 days, and a report an
    /// admin has not looked at yet must not leave the poison queue silently.
    /// </summary>
    public async Task PoisonAsync(IReadOnlyList<ProcessReportMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await _poison.SendMessageAsync(Serialize(message), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The JSON text of a message, as the queue triggers receive it after Base64 decoding.</summary>
    public static string Serialize(ProcessReportMessage message) =>
        JsonSerializer.Serialize(message, IntakeJsonContext.Default.ProcessReportMessage);

    /// <summary>The JSON text of a message naming <paramref name="messages"/>: the single form for one report.</summary>
    public static string Serialize(IReadOnlyList<ProcessReportMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count == 1
            ? Serialize(messages[0])
            : JsonSerializer.Serialize(new ProcessBatchMessage(messages), IntakeJsonContext.Default.ProcessBatchMessage);
    }

    /// <summary>Parses a message naming one report.</summary>
    /// <exception cref="JsonException">The text is not a single-report processing message.</exception>
    public static ProcessReportMessage Deserialize(string text) =>
        DeserializeAll(text) is [var single] ? single : throw new JsonException("The queue message names several reports.");

    /// <summary>Parses a message received by a queue trigger: a single report (as every version wrote) or a batch.</summary>
    /// <exception cref="JsonException">The text is not a processing message.</exception>
    public static IReadOnlyList<ProcessReportMessage> DeserializeAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reports", out _))
        {
            var batch = document.RootElement.Deserialize(IntakeJsonContext.Default.ProcessBatchMessage);
            return batch?.Reports is { Count: > 0 } reports ? reports : throw new JsonException("The queue message names no report.");
        }

        return [document.RootElement.Deserialize(IntakeJsonContext.Default.ProcessReportMessage) ?? throw new JsonException("The queue message is empty.")];
    }
}
