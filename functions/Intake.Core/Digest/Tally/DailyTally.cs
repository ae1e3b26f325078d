using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Digest.Tally;

/// <summary>
/// Per-day aggregates kept as reports are processed, so that compiling a digest reads a few
/// hundred cells instead of every report. Table <see cref="StorageNames.DigestTallyTable"/>,
/// partition = the UTC day of receipt (<c>yyyyMMdd</c>), holding two kinds of rows:
/// <list type="bullet">
/// <item><c>t|{occurred yyyyMMdd}|{country}|{shard}</c>: a <see cref="DayTally"/> cell;</item>
/// <item><c>r|{reportId}</c>: what that report is counted as.</item>
/// </list>
/// Both sit in one partition, so the marker and the cells it changes are written in one entity
/// group transaction under ETags: counting is exactly-once even when the processor crashes or
/// runs twice, and a forced reprocess that changes the classification moves the report between
/// cells instead of counting it twice. Cells are sharded by report id to spread write contention.
/// </summary>
public sealed class DailyTally(TableServiceClient tables, TimeProvider time)
{
    /// <summary>Shards per (received, occurred, country).</summary>
    public const int Shards = 8;

    private const string CellPrefix = "t|";
    private const string MarkerPrefix = "r|";
    private const int MaxAttempts = 20;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DigestTallyTable);

    /// <summary>Counts a processed report in the tally of its day of receipt; idempotent.</summary>
    /// <returns>True when the tally changed.</returns>
    /// <exception cref="RequestFailedException">Storage failed, or contention persisted after many attempts.</exception>
    public Task<bool> RecordAsync(DateOnly receivedOn, TalliedReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ApplyAsync(receivedOn, report.ReportId, report, cancellationToken);
    }

    /// <summary>Takes a report out of the tally (it is no longer processed); idempotent.</summary>
    /// <returns>True when the tally changed.</returns>
    public Task<bool> ForgetAsync(DateOnly receivedOn, Guid reportId, CancellationToken cancellationToken = default) =>
        ApplyAsync(receivedOn, reportId, null, cancellationToken);

    private async Task<bool> ApplyAsync(DateOnly receivedOn, Guid reportId, TalliedReport? report, CancellationToken cancellationToken)
    {
        var partition = ReportIndex.PartitionKey(receivedOn);
        var counted = report is null ? null : JsonSerializer.Serialize(report, TallyJsonContext.Default.TalliedReport);
        for (var attempt = 1; ; attempt++)
        {
            var marker = await GetAsync(partition, MarkerKey(reportId), cancellationToken).ConfigureAwait(false);
            var previousText = marker?.GetString("Counted");
            if (string.Equals(previousText, counted, StringComparison.Ordinal))
            {
                return false;
            }

            var previous = previousText is null ? null : JsonSerializer.Deserialize(previousText, TallyJsonContext.Default.TalliedReport);
            var cells = new Dictionary<string, (DayTally Counts, ETag? ETag, TalliedReport Key)>(StringComparer.Ordinal);
            foreach (var (fact, sign) in new[] { (previous, -1), (report, 1) })
            {
                if (fact is null)
                {
                    continue;
                }

                var key = CellKey(fact);
                if (!cells.TryGetValue(key, out var cell))
                {
                    var existing = await GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
                    cell = existing is null
                        ? (new DayTally(), null, fact)
                        : (JsonSerializer.Deserialize(existing.GetString("Counts") ?? "{}", TallyJsonContext.Default.DayTally) ?? new DayTally(), existing.ETag, fact);
                    cells[key] = cell;
                }

                cell.Counts.Add(fact, sign);
            }

            var markerEntity = new TableEntity(partition, MarkerKey(reportId))
            {
                ["Counted"] = counted,
                ["CountedAt"] = time.GetUtcNow(),
            };
            var actions = new List<TableTransactionAction>
            {
                (marker, counted) switch
                {
                    (null, _) => new TableTransactionAction(TableTransactionActionType.Add, markerEntity),
                    (_, null) => new TableTransactionAction(TableTransactionActionType.Delete, markerEntity, marker.ETag),
                    _ => new TableTransactionAction(TableTransactionActionType.UpdateReplace, markerEntity, marker.ETag),
                },
            };
            foreach (var (key, cell) in cells)
            {
                var entity = new TableEntity(partition, key)
                {
                    ["OccurredOn"] = cell.Key.OccurredKey,
                    ["Country"] = cell.Key.Country,
                    ["Counts"] = JsonSerializer.Serialize(cell.Counts, TallyJsonContext.Default.DayTally),
                };
                actions.Add(cell.ETag is { } etag
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
                    : new TableTransactionAction(TableTransactionActionType.Add, entity));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Another processor changed the marker or a cell since we read them: read again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads every cell received from <paramref name="firstReceived"/> to <paramref name="lastReceived"/> (inclusive).</summary>
    public async IAsyncEnumerable<TallyCell> ReadAsync(DateOnly firstReceived, DateOnly lastReceived, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = ReportIndex.PartitionKey(firstReceived);
        var to = ReportIndex.PartitionKey(lastReceived);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {from} and PartitionKey le {to} and RowKey ge {CellPrefix} and RowKey lt {"t}"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new TallyCell(
                DateOnly.ParseExact(e.PartitionKey, "yyyyMMdd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(e.GetString("OccurredOn"), "yyyyMMdd", CultureInfo.InvariantCulture),
                e.GetString("Country") ?? TalliedReport.Unknown,
                JsonSerializer.Deserialize(e.GetString("Counts") ?? "{}", TallyJsonContext.Default.DayTally) ?? new DayTally());
        }
    }

    /// <summary>Writes cells as they are, for seeding a benchmark or rebuilding a day; not for the processor.</summary>
    public async Task WriteCellsAsync(DateOnly receivedOn, IEnumerable<(TalliedReport Key, DayTally Counts, int Shard)> cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var partition = ReportIndex.PartitionKey(receivedOn);
        foreach (var chunk in cells.Chunk(100))
        {
            var actions = chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, CellKey(c.Key, c.Shard))
            {
                ["OccurredOn"] = c.Key.OccurredKey,
                ["Country"] = c.Key.Country,
                ["Counts"] = JsonSerializer.Serialize(c.Counts, TallyJsonContext.Default.DayTally),
            })).ToList();
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TableEntity?> GetAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The shard of a report: stable across processes and runs (report ids are random UUIDs).</summary>
    public static int ShardOf(Guid reportId) => (int)(BitConverter.ToUInt32(reportId.ToByteArray(), 0) % Shards);

    private static string CellKey(TalliedReport fact) => CellKey(fact, ShardOf(fact.ReportId));

    private static string CellKey(TalliedReport fact, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{CellPrefix}{fact.OccurredKey}|{Sanitise(fact.Country)}|{shard:D2}");

    private static string MarkerKey(Guid reportId) => MarkerPrefix + reportId.ToString("D");

    /// <summary>Row keys may not hold '/', '\', '#', '?' or control characters; country codes never do, but be safe.</summary>
    private static string Sanitise(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '_' : c);
        }

        return builder.ToString();
    }
}
