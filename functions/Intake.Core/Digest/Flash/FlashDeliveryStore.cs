using Intake.Core.Configuration;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// Deliveries in table <see cref="StorageNames.FlashDeliveriesTable"/>: partition = delivery id
/// (a point read per attempt), one row each. Flashes are rare by design, so the admin list reads
/// the table and keeps the newest.
/// </summary>
public sealed class FlashDeliveryStore(TableServiceClient tables)
{
    private const string Row = "d";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.FlashDeliveriesTable);

    /// <summary>The newest deliveries first, optionally of one status.</summary>
    public async Task<IReadOnlyList<FlashDelivery>> ListAsync(string? status, int max, CancellationToken cancellationToken = default)
    {
        var filter = status is null ? null : TableClient.CreateQueryFilter($"Status eq {status}");
        var all = new List<FlashDelivery>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(ToDelivery(e));
        }

        return [.. all.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Take(max)];
    }

    /// <summary>One delivery; null when there is none.</summary>
    public async Task<FlashDelivery?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await GetStoredAsync(id, cancellationToken).ConfigureAwait(false))?.Delivery;

    internal async Task<StoredFlashDelivery?> GetStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id.ToString("D"), Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue
            ? new StoredFlashDelivery(ToDelivery(response.Value!), response.Value!.GetString("Body") ?? "", response.Value!.GetDateTimeOffset("RetryFrom") ?? DateTimeOffset.MinValue)
            : null;
    }

    /// <summary>Adds a delivery; false when one with its id exists (the flash was raised before: idempotent).</summary>
    internal async Task<bool> TryAddAsync(FlashDelivery delivery, string body, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(delivery.Id.ToString("D"), Row)
        {
            ["FlashId"] = delivery.FlashId,
            ["Rule"] = delivery.Rule,
            ["Region"] = delivery.Region,
            ["Area"] = delivery.Area,
            ["ReportId"] = delivery.ReportId,
            ["Channel"] = delivery.Channel,
            ["TargetId"] = delivery.TargetId,
            ["Status"] = delivery.Status,
            ["Attempts"] = delivery.Attempts,
            ["CreatedAt"] = delivery.CreatedAt,
            ["RetryFrom"] = delivery.CreatedAt,
            ["Body"] = body,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Records an attempt's outcome (or a redeliver, with <paramref name="retryFrom"/>).</summary>
    internal Task UpdateAsync(Guid id, string status, int attempts, DateTimeOffset? lastAttemptAt, DateTimeOffset? nextAttemptAt, DateTimeOffset? deliveredAt, string? lastError, DateTimeOffset? retryFrom, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(id.ToString("D"), Row)
        {
            ["Status"] = status,
            ["Attempts"] = attempts,
            ["LastAttemptAt"] = lastAttemptAt,
            ["NextAttemptAt"] = nextAttemptAt,
            ["DeliveredAt"] = deliveredAt,
            ["LastError"] = lastError,
        };
        if (retryFrom is { } from)
        {
            entity["RetryFrom"] = from;
        }

        return _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static readonly string[] Columns =
        ["PartitionKey", "FlashId", "Rule", "Region", "Area", "ReportId", "Channel", "TargetId", "Status", "Attempts", "CreatedAt", "LastAttemptAt", "NextAttemptAt", "DeliveredAt", "LastError"];

    private static FlashDelivery ToDelivery(TableEntity e) => new(
        Guid.ParseExact(e.PartitionKey, "D"),
        e.GetGuid("FlashId") ?? Guid.Empty,
        e.GetString("Rule") ?? "",
        e.GetString("Region") ?? "",
        e.GetString("Area") ?? "",
        e.GetGuid("ReportId") ?? Guid.Empty,
        e.GetString("Channel") ?? "",
        e.GetGuid("TargetId") ?? Guid.Empty,
        e.GetString("Status") ?? "",
        e.GetInt32("Attempts") ?? 0,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("LastAttemptAt"),
        e.GetDateTimeOffset("NextAttemptAt"),
        e.GetDateTimeOffset("DeliveredAt"),
        e.GetString("LastError"));
}
