using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Intake.Core.Storage;

namespace Intake.Benchmarks;

/// <summary>
/// Writes a backlog straight into storage, as intake would have left it (raw blob with its metadata
/// and receipt tag, index row <c>received</c>, 32 report ids per queue message, each with its row's ETag), so that the drain
/// can be measured at a chosen size whatever intake managed on a loaded machine.
/// </summary>
internal static class BacklogSeed
{
    public static async Task SeedAsync(string connectionString, int reports)
    {
        var raw = new RawSubmissionStore(new BlobServiceClient(connectionString));
        var index = new ReportIndex(new TableServiceClient(connectionString));
        var queue = new ProcessingQueue(new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        await new BlobServiceClient(connectionString).GetBlobContainerClient(Intake.Core.Configuration.StorageNames.RawSubmissions).CreateIfNotExistsAsync();
        await new TableServiceClient(connectionString).GetTableClient(Intake.Core.Configuration.StorageNames.ReportsTable).CreateIfNotExistsAsync();
        await new QueueServiceClient(connectionString).GetQueueClient(Intake.Core.Configuration.StorageNames.ProcessingQueue).CreateIfNotExistsAsync();
        var messages = new ProcessReportMessage[reports];
        await Parallel.ForAsync(0, reports, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var (id, body) = SampleReports.Next();
            var submission = new RawSubmission(id, Convert.ToHexStringLower(SHA256.HashData(body)), DateTimeOffset.UtcNow, "json", body.Length);
            await raw.TryCreateAsync(submission, body, "application/json", ct);
            var added = await index.TryAddReceivedRowAsync(submission, ct);
            messages[i] = new ProcessReportMessage(id, submission.ReceivedOn) { RowETag = added?.ToString() };
        });

        await Parallel.ForEachAsync(messages.Chunk(ProcessingQueue.MaxBatch), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
            await queue.EnqueueAsync(chunk, ct));
    }
}
