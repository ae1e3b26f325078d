using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Intake.Core.Configuration;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>What storage holds, read directly with the Azure SDK (as an auditor would), not through the host.</summary>
public sealed class StoredReports(string connectionString)
{
    private readonly BlobContainerClient _raw = new BlobServiceClient(connectionString).GetBlobContainerClient(StorageNames.RawSubmissions);
    private readonly TableClient _index = new TableServiceClient(connectionString).GetTableClient(StorageNames.ReportsTable);

    /// <summary>The raw bytes stored for a report; null when there is no blob.</summary>
    public async Task<byte[]?> RawBytesAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await _raw.GetBlobClient(id).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The names of every raw blob.</summary>
    public async Task<HashSet<string>> RawIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in _raw.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            ids.Add(blob.Name);
        }

        return ids;
    }

    /// <summary>Every index row, by report id.</summary>
    public async Task<Dictionary<string, TableEntity>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in _index.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(row.RowKey, row);
        }

        return rows;
    }

    /// <summary>Waits until every report in <paramref name="ids"/> has a row marked processed; returns the rows.</summary>
    public async Task<Dictionary<string, TableEntity>> WaitUntilProcessedAsync(IReadOnlyCollection<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync(cancellationToken);
            var waiting = ids.Where(id => !rows.TryGetValue(id, out var row) || row.GetString("Status") != "processed").ToList();
            if (waiting.Count == 0)
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                var sample = string.Join(", ", waiting.Take(5).Select(id => $"{id}: {(rows.TryGetValue(id, out var r) ? r.GetString("Status") + " " + r.GetString("LastError") : "no row")}"));
                throw new TimeoutException($"{waiting.Count} of {ids.Count} acknowledged reports were not processed within {timeout}: {sample}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
