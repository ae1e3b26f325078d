using System.Text.Json;
using Azure.Storage.Queues;
using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>The queue of reports waiting to be processed.</summary>
public sealed class ProcessingQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.ProcessingQueue);

    /// <summary>Puts a message on the queue. Sending one twice is harmless: processing is idempotent.</summary>
    public async Task EnqueueAsync(ProcessReportMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _queue.SendMessageAsync(Serialize(message), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON text of a message, as the queue triggers receive it after Base64 decoding.</summary>
    public static string Serialize(ProcessReportMessage message) =>
        JsonSerializer.Serialize(message, IntakeJsonContext.Default.ProcessReportMessage);

    /// <summary>Parses a message received by a queue trigger.</summary>
    /// <exception cref="JsonException">The text is not a processing message.</exception>
    public static ProcessReportMessage Deserialize(string text) =>
        JsonSerializer.Deserialize(text, IntakeJsonContext.Default.ProcessReportMessage)
            ?? throw new JsonException("The queue message is empty.");
}
