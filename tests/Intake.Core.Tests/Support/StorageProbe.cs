using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Intake.Core.Configuration;
using Intake.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Support;

/// <summary>Reads storage directly, the way an admin with a storage browser would, to check what a test wrote.</summary>
public sealed class StorageProbe(IServiceProvider services)
{
    private readonly BlobServiceClient _blobs = services.GetRequiredService<BlobServiceClient>();
    private readonly QueueServiceClient _queues = services.GetRequiredService<QueueServiceClient>();
    private readonly TableServiceClient _tables = services.GetRequiredService<TableServiceClient>();

    public async Task<int> BlobCountAsync(string container, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in _blobs.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    public async Task<int> RowCountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in _tables.GetTableClient(StorageNames.ReportsTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>The reports named by the processing messages waiting in a queue (peeked, not removed), after intake's batcher has sent what it holds.</summary>
    public async Task<List<ProcessReportMessage>> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ProcessingBatcher>().FlushAsync(cancellationToken);
        var peeked = await _queues.GetQueueClient(queue).PeekMessagesAsync(32, cancellationToken);
        return peeked.Value.SelectMany(m => ProcessingQueue.DeserializeAll(m.Body.ToString())).ToList();
    }

    /// <summary>Takes every message off the processing queue, as a queue trigger would.</summary>
    public async Task<List<(ProcessReportMessage Message, long DequeueCount)>> ReceiveAllAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ProcessingBatcher>().FlushAsync(cancellationToken);
        var queue = _queues.GetQueueClient(StorageNames.ProcessingQueue);
        var received = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1), cancellationToken);
        var result = new List<(ProcessReportMessage, long)>();
        foreach (var message in received.Value)
        {
            result.AddRange(ProcessingQueue.DeserializeAll(message.Body.ToString()).Select(m => (m, message.DequeueCount)));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }

        return result;
    }

    public async Task<byte[]> RawBytesAsync(Guid id, CancellationToken cancellationToken)
    {
        var download = await _blobs.GetBlobContainerClient(StorageNames.RawSubmissions).GetBlobClient(id.ToString("D")).DownloadContentAsync(cancellationToken);
        return download.Value.Content.ToArray();
    }
}
