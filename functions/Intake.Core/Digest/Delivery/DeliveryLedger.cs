using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Which (day, subscriber) pairs were sent, in table <see cref="StorageNames.DeliveriesTable"/>
/// (partition = day, row key = subscriber id). A delivery is claimed by inserting its row before
/// sending, so two runs never both send; a crash after sending leaves the claim, so the digest is
/// sent at most once. Only a forced send replaces a claim.
/// </summary>
public sealed class DeliveryLedger(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DeliveriesTable);

    /// <summary>Claims the delivery; false when it is already claimed and not forced.</summary>
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
            return false;
        }
    }

    /// <summary>Records that the delivery was handed to the relay (or written to the outbox).</summary>
    public Task MarkSentAsync(DateOnly day, Guid subscriberId, string via, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(
            new TableEntity(ReportIndex.PartitionKey(day), subscriberId.ToString("D")) { ["State"] = "sent", ["SentAt"] = time.GetUtcNow(), ["Via"] = via },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Gives up a claim after a failed send, so that a later run tries again.</summary>
    public Task ReleaseAsync(DateOnly day, Guid subscriberId, CancellationToken cancellationToken = default) =>
        _table.DeleteEntityAsync(ReportIndex.PartitionKey(day), subscriberId.ToString("D"), ETag.All, cancellationToken);
}
