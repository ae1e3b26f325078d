using Intake.Core.Configuration;
using Intake.Core.Digest.Delivery;
using Intake.Core.Storage;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// Webhooks in table <see cref="StorageNames.FlashWebhooksTable"/>: one partition, row key = id.
/// The secret is kept beside the URL because each delivery is signed with it; whoever can read
/// the storage account can read it (as it can read every report).
/// </summary>
public sealed class FlashWebhookStore(TableServiceClient tables)
{
    private const string Partition = "webhook";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.FlashWebhooksTable);

    /// <summary>Every webhook, without secrets.</summary>
    public async Task<IReadOnlyList<FlashWebhook>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<FlashWebhook>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Url", "Regions", "CreatedAt", "Audience"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToWebhook(e));
        }

        return list;
    }

    /// <summary>One webhook and its secret; null when there is none.</summary>
    internal async Task<(FlashWebhook Webhook, string Secret)?> GetWithSecretAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id.ToString("D"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (ToWebhook(response.Value!), response.Value!.GetString("Secret") ?? "") : null;
    }

    /// <summary>Registers a webhook with a new secret.</summary>
    /// <param name="url">Where deliveries are POSTed.</param>
    /// <param name="regions">The regions it follows.</param>
    /// <param name="now">When it is registered.</param>
    /// <param name="audience"><see cref="Audiences.Internal"/> or <see cref="Audiences.Partner"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<FlashWebhookCreated> AddAsync(string url, IReadOnlyList<string> regions, DateTimeOffset now, string audience = Audiences.Partner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var created = new FlashWebhookCreated(Guid.NewGuid(), url, regions, now, FlashSignature.NewSecret(), Audiences.Of(audience));
        await _table.AddEntityAsync(
            new TableEntity(Partition, created.Id.ToString("D"))
            {
                ["Url"] = url,
                ["Regions"] = string.Join(',', regions),
                ["CreatedAt"] = now,
                ["Secret"] = created.Secret,
                ["Audience"] = created.Audience,
            },
            cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Removes a webhook; false when there was none. Its pending deliveries are then dead-lettered.</summary>
    public Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken = default) =>
        _table.DeleteIfPresentAsync(Partition, id.ToString("D"), cancellationToken);

    private static FlashWebhook ToWebhook(TableEntity e) => new(
        Guid.ParseExact(e.RowKey, "D"),
        e.GetString("Url") ?? "",
        (e.GetString("Regions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        Audiences.Of(e.GetString("Audience")));
}
