using Azure.Storage.Queues.Models;
using Intake.Core.Configuration;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>The processing queue; after 5 dequeues (host.json) the runtime moves the message to reports-poison.</summary>
public sealed class ProcessReport(ReportProcessor processor)
{
    [Function(nameof(ProcessReport))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.ProcessingQueue, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return processor.ProcessAsync(ProcessingQueue.Deserialize(message.MessageText), message.DequeueCount, cancellationToken);
    }
}
