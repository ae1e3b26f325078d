using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Which (day, subscriber) pairs were sent, in table <see cref="StorageNames.DeliveriesTable"/>
/// (partition = day, row key = subscriber id). A delivery is claimed by inserting its row before
/// sending, so two runs never both send; a crash after sending leaves the claim, so the digest is
/// sent at most once. A send that fails marks its row <c>failed</c>: a later run claims it again
/// (under its ETag, so only one run does) and <see cref="ListFailedAsync"/> tells the daily run
/// which past days still owe a delivery. Only a forced send replaces any other claim.
/// </summary>
public sealed class DeliveryLedger(TableServiceClient tables, TimeProvider time)
{
    private const string Failed = "failed";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DeliveriesTable);

    /// <summary>Claims the delivery; false when it is already claimed (sending or sent) and not forced.</summary>
    public async Task<bool> TryClaimAsync(DateOnly day, Guid subscriberId, bool force, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(ReportIndex.PartitionKey(day), subscriberId.ToString("D")) { ["State"] = "sending", ["ClaimedAt"] = time.GetUtcNow() };
        if (force)
        {
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await TryReclaimFailedAsync(entity, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records that the delivery was handed to the relay (or written to the outbox).</summary>
    public Task MarkSentAsync(DateOnly day, Guid subscriberId, string via, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(
            new TableEntity(ReportIndex.PartitionKey(day), subscriberId.ToString("D")) { ["State"] = "sent", ["SentAt"] = time.GetUtcNow(), ["Via"] = via },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Gives up a claim after a failed send: the row says <c>failed</c>, so that a later run tries again.</summary>
    public Task ReleaseAsync(DateOnly day, Guid subscriberId, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(
            new TableEntity(ReportIndex.PartitionKey(day), subscriberId.ToString("D")) { ["State"] = Failed, ["FailedAt"] = time.GetUtcNow() },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>The subscribers whose delivery of <paramref name="day"/> failed and was not sent since.</summary>
    public async Task<IReadOnlyList<Guid>> ListFailedAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var failed = new List<Guid>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReportIndex.PartitionKey(day)} and State eq {Failed}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            failed.Add(Guid.ParseExact(e.RowKey, "D"));
        }

        return failed;
    }

    /// <summary>Takes over a claim whose send failed; false when the row is sending or sent, or another run took it first.</summary>
    private async Task<bool> TryReclaimFailedAsync(TableEntity claim, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value!.GetString("State") != Failed)
        {
            return false;
        }

        try
        {
            await _table.UpdateEntityAsync(claim, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
