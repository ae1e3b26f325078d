using Intake.Core.Configuration;

namespace Intake.Core.Health;

/// <summary>Checks that blobs, queues and tables answer, each within a short deadline.</summary>
public sealed class StorageHealth(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    /// <summary>Probes the three services in parallel.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(
            ProbeAsync("blobs", ct => blobs.GetBlobContainerClient(StorageNames.RawSubmissions).GetPropertiesAsync(cancellationToken: ct), cancellationToken),
            ProbeAsync("queues", ct => queues.GetQueueClient(StorageNames.ProcessingQueue).GetPropertiesAsync(ct), cancellationToken),
            ProbeAsync("tables", ct => tables.GetTableClient(StorageNames.ReportsTable).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages().GetAsyncEnumerator(ct).MoveNextAsync().AsTask(), cancellationToken)).ConfigureAwait(false);
        var checks = results.ToDictionary(r => r.Name, r => r.Status, StringComparer.Ordinal);
        return new HealthReport(checks.Values.All(s => s == HealthReport.Healthy) ? HealthReport.Healthy : HealthReport.Unhealthy, checks);
    }

    private static async Task<(string Name, string Status)> ProbeAsync(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await probe(deadline.Token).ConfigureAwait(false);
            return (name, HealthReport.Healthy);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure, timeout included, means "not usable now"; the cause is in the SDK's own logs.
            return (name, HealthReport.Unhealthy);
        }
    }
}
