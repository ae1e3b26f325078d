using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>Creates the containers, table and queues the pipeline uses, if they are missing.</summary>
internal sealed class StorageProvisioner(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    /// <summary>Creates whatever is missing; safe to call at every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            blobs.GetBlobContainerClient(StorageNames.RawSubmissions).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            blobs.GetBlobContainerClient(StorageNames.Digests).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            queues.GetQueueClient(StorageNames.ProcessingQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            queues.GetQueueClient(StorageNames.PoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            queues.GetQueueClient(StorageNames.FlashQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            queues.GetQueueClient(StorageNames.FlashPoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            tables.GetTableClient(StorageNames.FlashWebhooksTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.FlashDeliveriesTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.FlashWindowTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.ReportsTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.DigestTallyTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.SubscribersTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.DeliveriesTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.AccessTokensTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.AuditTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.TokenUsageTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.PlaceAliasesTable).CreateIfNotExistsAsync(cancellationToken),
            tables.GetTableClient(StorageNames.CampaignQuotaTable).CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
    }
}
