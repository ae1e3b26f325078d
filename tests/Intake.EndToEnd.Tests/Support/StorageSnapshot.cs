using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Intake.Core.Configuration;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>How much the pipeline has stored: compared before and after a request to prove it wrote nothing.</summary>
public sealed record StorageSnapshot(int RawBlobs, int Rows, int QueuedOrPoisoned)
{
    public static async Task<StorageSnapshot> TakeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var blobs = 0;
        await foreach (var _ in services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.RawSubmissions).GetBlobsAsync(cancellationToken: cancellationToken))
        {
            blobs++;
        }

        var rows = 0;
        await foreach (var _ in services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.ReportsTable).QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows++;
        }

        var queues = services.GetRequiredService<QueueServiceClient>();
        var queued = 0;
        foreach (var name in new[] { StorageNames.ProcessingQueue, StorageNames.PoisonQueue })
        {
            queued += (await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }

        return new StorageSnapshot(blobs, rows, queued);
    }
}
