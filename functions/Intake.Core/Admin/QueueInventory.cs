namespace Intake.Core.Admin;

/// <summary>Every queue of the account paired with its <c>-poison</c> queue, so queues added later show up too.</summary>
public sealed class QueueInventory(QueueServiceClient queues)
{
    private const string PoisonSuffix = "-poison";

    /// <summary>The queues and their counts, by name.</summary>
    public async Task<IReadOnlyList<QueueCounts>> ListAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var queue in queues.GetQueuesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(queue.Name);
        }

        var result = new List<QueueCounts>();
        foreach (var name in names.Where(n => !n.EndsWith(PoisonSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var poison = name + PoisonSuffix;
            result.Add(new QueueCounts(
                name,
                await CountAsync(name, cancellationToken).ConfigureAwait(false),
                poison,
                names.Contains(poison) ? await CountAsync(poison, cancellationToken).ConfigureAwait(false) : 0));
        }

        return result;
    }

    private async Task<int> CountAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
