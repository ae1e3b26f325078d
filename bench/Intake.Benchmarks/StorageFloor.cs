using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Intake.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Intake.Benchmarks;

/// <summary>
/// The storage floor: the three writes a report needs, done directly with the Azure SDK, one
/// after the other, with the clients and options intake uses (conditional create with metadata,
/// receipt tag and a Content-MD5, an entity with the same properties, a Base64 message). Nothing
/// else: no HTTP server, no validation. Separate container, table and queue, so the host does not
/// see them.
/// </summary>
internal sealed class StorageFloor
{
    private readonly BlobContainerClient _container;
    private readonly TableClient _table;
    private readonly QueueClient _queue;

    public StorageFloor(string connectionString)
    {
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = connectionString })
            .Build());
        _container = account.CreateBlobServiceClient().GetBlobContainerClient("floor-raw");
        _table = account.CreateTableServiceClient().GetTableClient("floorreports");
        _queue = account.CreateQueueServiceClient().GetQueueClient("floor-queue");
    }

    public async Task CreateAsync()
    {
        await _container.CreateIfNotExistsAsync();
        await _table.CreateIfNotExistsAsync();
        await _queue.CreateIfNotExistsAsync();
    }

    public async Task<bool> WriteOneAsync()
    {
        var (id, body) = SampleReports.Next();
        var receivedAt = DateTimeOffset.UtcNow;
        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        using (TransferChecksum.Md5Of(body))
        {
            await _container.GetBlobClient(id.ToString("D")).UploadAsync(BinaryData.FromBytes(body), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string>
                {
                    ["sha256"] = sha,
                    ["receivedat"] = receivedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["source"] = "json",
                },
                // The receipt tag intake sets in the same call (RawSubmissionStore.ReceivedTag).
                Tags = new Dictionary<string, string> { ["received"] = receivedAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) },
            });
        }

        var day = DateOnly.FromDateTime(receivedAt.UtcDateTime);
        await _table.AddEntityAsync(new TableEntity(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), id.ToString("D"))
        {
            ["Status"] = "received",
            ["ReceivedAt"] = receivedAt,
            ["Source"] = "json",
            ["Sha256"] = sha,
            ["ContentLength"] = (long)body.Length,
            ["Attempts"] = 0,
        });
        await _queue.SendMessageAsync(ProcessingQueue.Serialize(new ProcessReportMessage(id, day)));
        return true;
    }
}
