using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Intake.Core.Configuration;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// How much the pipeline has stored: compared before and after a request to prove it wrote nothing.
/// Raw blobs and index rows only. Intake writes the raw blob before anything else, so a request that
/// left no blob queued nothing either; and queue lengths move on their own while earlier tests'
/// reports are processed, which would make a comparison of them flaky.
/// </summary>
public sealed record StorageSnapshot(int RawBlobs, int Rows)
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

        return new StorageSnapshot(blobs, rows);
    }
}
