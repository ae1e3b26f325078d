using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Digest.Delivery;

/// <summary>Subscribers in table <see cref="StorageNames.SubscribersTable"/>: one partition, row key = id.</summary>
public sealed class SubscriberStore(TableServiceClient tables)
{
    private const string Partition = "subscriber";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubscribersTable);

    /// <summary>Every subscriber, by id.</summary>
    public async IAsyncEnumerable<Subscriber> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToSubscriber(e);
        }
    }

    /// <summary>One subscriber; null when there is none.</summary>
    public async Task<Subscriber?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id.ToString("D"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToSubscriber(response.Value!) : null;
    }

    /// <summary>Adds a subscriber.</summary>
    public Task AddAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return _table.AddEntityAsync(
            new TableEntity(Partition, subscriber.Id.ToString("D"))
            {
                ["Email"] = subscriber.Email,
                ["Regions"] = string.Join(',', subscriber.Regions),
                ["Language"] = subscriber.Language,
                ["Flash"] = subscriber.Flash,
                ["Audience"] = subscriber.Audience,
            },
            cancellationToken);
    }

    /// <summary>Removes a subscriber.</summary>
    /// <returns>False when there was none.</returns>
    public Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken = default) =>
        _table.DeleteIfPresentAsync(Partition, id.ToString("D"), cancellationToken);

    private static Subscriber ToSubscriber(TableEntity e) => new(
        Guid.ParseExact(e.RowKey, "D"),
        e.GetString("Email") ?? "",
        (e.GetString("Regions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetString("Language") is { Length: > 0 } language ? language : null,
        e.GetBoolean("Flash") ?? false,
        Audiences.Of(e.GetString("Audience")));
}
