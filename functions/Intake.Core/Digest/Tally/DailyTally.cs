using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Digest.Tally;

/// <summary>
/// Per-day aggregates kept as reports are processed, so that compiling a digest reads a few
/// hundred cells instead of every report. Table <see cref="StorageNames.DigestTallyTable"/>,
/// partition = the UTC day of receipt (<c>yyyyMMdd</c>), holding two kinds of rows:
/// <list type="bullet">
/// <item><c>t|{occurred yyyyMMdd}|{country}|={area}</c>: a <see cref="DayTally"/> cell of one area
/// (<see cref="TalliedReport.Area"/>), listing its reports in <see cref="DayTally.Entries"/>;</item>
/// <item><c>r|{reportId}</c>: what that report is counted as, and in which cell.</item>
/// </list>
/// Both sit in one partition, so the marker and the cells it changes are written in one entity
/// group transaction under ETags: counting is exactly-once even when the processor crashes or
/// runs twice, and a forced reprocess that changes the classification moves the report between
/// cells instead of counting it twice. One cell per area (instead of shards of a country) keeps
/// each report at three storage calls (read marker, read cell, transaction) and gives the alerts
/// their per-area series; contention is per area and day, retried under ETags.
/// A partition whose day has passed also holds <c>d|changed</c>, upserted in the same transaction
/// as every change to it: its ETag tells <see cref="TallySnapshots"/> whether a closed day's
/// snapshot still holds (today's partition, where most writes go, is never snapshotted, so it
/// is spared the extra row).
/// Cells written before areas (<c>t|{occurred}|{country}|{shard 00-07}</c>) are still read, as
/// area <c>unknown</c>, and a report counted in one is moved out of it correctly: the marker names
/// its cell.
/// </summary>
public sealed class DailyTally(TableServiceClient tables, TimeProvider time)
{
    /// <summary>Shards per (received, occurred, country) of cells written before cells were kept per area.</summary>
    private const int LegacyShards = 8;

    private const string CellPrefix = "t|";
    private const string MarkerPrefix = "r|";
    private const string ChangedRow = "d|changed";
    private const int MaxAttempts = 20;
    private const int ParallelDays = 4;

    /// <summary>Reports per batched transaction: a marker each plus at most as many cells, within the 100 actions a transaction allows.</summary>
    private const int NewReportsPerTransaction = 40;
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

    /// <summary>
    /// Counts several processed reports of one day of receipt, none of which is counted yet (their rows
    /// were <c>received</c>): per 40 reports one read per distinct cell and one transaction that adds
    /// the markers and replaces the cells under their ETags, instead of three calls per report. If a
    /// marker exists after all (a crash between the tally and the row) or another processor changed a
    /// cell, the transaction fails whole and those reports are counted one by one as
    /// <see cref="RecordAsync(DateOnly, TalliedReport, CancellationToken)"/> does: still exactly once.
    /// </summary>
    /// <returns>The reports that were counted already, exactly as now (their markers said so): nothing changed for them.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    internal async Task<IReadOnlySet<Guid>> RecordNewAsync(DateOnly receivedOn, IReadOnlyList<TalliedReport> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var alreadyCounted = new HashSet<Guid>();
        var partition = ReportIndex.PartitionKey(receivedOn);
        foreach (var chunk in reports.Chunk(NewReportsPerTransaction))
        {
            var keys = chunk.Select(CellKey).Distinct(StringComparer.Ordinal).ToList();
            var read = await Task.WhenAll(keys.Select(k => GetAsync(partition, k, cancellationToken))).ConfigureAwait(false);
            var cells = new Dictionary<string, (DayTally Counts, ETag? ETag, TalliedReport Key)>(StringComparer.Ordinal);
            var actions = new List<TableTransactionAction>();
            foreach (var report in chunk)
            {
                var key = CellKey(report);
                if (!cells.TryGetValue(key, out var cell))
                {
                    var existing = read[keys.IndexOf(key)];
                    cell = existing is null
                        ? (new DayTally(), null, report)
                        : (JsonSerializer.Deserialize(existing.GetString("Counts") ?? "{}", TallyJsonContext.Default.DayTally) ?? new DayTally(), existing.ETag, report);
                    cells[key] = cell;
                }

                cell.Counts.Add(report, 1);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkerKey(report.ReportId))
                {
                    ["Counted"] = JsonSerializer.Serialize(report, TallyJsonContext.Default.TalliedReport),
                    ["Cell"] = key,
                    ["CountedAt"] = time.GetUtcNow(),
                }));
            }

            actions.AddRange(cells.Select(c => CellAction(partition, c.Key, c.Value)));
            try
            {
                await SubmitAsync(receivedOn, actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                foreach (var report in chunk)
                {
                    if (!await RecordAsync(receivedOn, report, cancellationToken).ConfigureAwait(false))
                    {
                        alreadyCounted.Add(report.ReportId);
                    }
                }
            }
        }

        return alreadyCounted;
    }

    /// <summary>
    /// The one place a report's marker and cells are written, for one report or a batch: rows that
    /// must change with every count of a day (one partition) belong in <paramref name="actions"/> here.
    /// </summary>
    private async Task SubmitAsync(DateOnly receivedOn, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        // A day before today may already have a snapshot (TallySnapshots): mark it changed in the
        // same transaction, so that no count of a past day, single or batched, leaves it stale.
        if (receivedOn < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            actions.Add(ChangedAction(ReportIndex.PartitionKey(receivedOn)));
        }

        await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    private static TableTransactionAction CellAction(string partition, string key, (DayTally Counts, ETag? ETag, TalliedReport Key) cell)
    {
        var entity = new TableEntity(partition, key)
        {
            ["OccurredOn"] = cell.Key.OccurredKey,
            ["Country"] = cell.Key.Country,
            ["Counts"] = JsonSerializer.Serialize(cell.Counts, TallyJsonContext.Default.DayTally),
        };
        if (!IsLegacy(key))
        {
            entity["Area"] = cell.Key.Area;
        }

        return cell.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

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
            // A marker without a cell name was written before cells were kept per area.
            var previousKey = previous is null ? null : marker?.GetString("Cell") ?? LegacyCellKey(previous);
            foreach (var (fact, sign, key) in new[] { (previous, -1, previousKey), (report, 1, report is null ? null : CellKey(report)) })
            {
                if (fact is null || key is null)
                {
                    continue;
                }

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
                ["Cell"] = report is null ? null : CellKey(report),
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
                actions.Add(CellAction(partition, key, cell));
            }

            try
            {
                await SubmitAsync(receivedOn, actions, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Another processor changed the marker or a cell since we read them: read again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads every cell received from <paramref name="firstReceived"/> to <paramref name="lastReceived"/> (inclusive), oldest day first.</summary>
    /// <remarks>
    /// One query per day of receipt (one partition each), up to <see cref="ParallelDays"/> in flight:
    /// a partition range scan is cheap in storage and the days are read side by side, where one
    /// query over the whole range pages through every row in sequence.
    /// </remarks>
    public async IAsyncEnumerable<TallyCell> ReadAsync(DateOnly firstReceived, DateOnly lastReceived, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var days = Enumerable.Range(0, Math.Max(0, lastReceived.DayNumber - firstReceived.DayNumber + 1)).Select(firstReceived.AddDays).ToList();
        var reads = new Task<List<TallyCell>>?[days.Count];
        for (var i = 0; i < days.Count; i++)
        {
            for (var j = i; j < Math.Min(days.Count, i + ParallelDays); j++)
            {
                reads[j] ??= ReadDayAsync(days[j], cancellationToken);
            }

            foreach (var cell in await reads[i]!.ConfigureAwait(false))
            {
                yield return cell;
            }

            reads[i] = null;
        }
    }

    /// <summary>The ETag of the day's <c>d|changed</c> row, which every change to a past day's partition replaces; null when the row is absent.</summary>
    internal async Task<ETag?> ChangeMarkAsync(DateOnly receivedOn, CancellationToken cancellationToken)
    {
        var row = await GetAsync(ReportIndex.PartitionKey(receivedOn), ChangedRow, cancellationToken).ConfigureAwait(false);
        return row?.ETag;
    }

    /// <summary>Every cell received on <paramref name="receivedOn"/>, from the table (one partition query).</summary>
    internal async Task<List<TallyCell>> ReadDayAsync(DateOnly receivedOn, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ReportIndex.PartitionKey(receivedOn)} and RowKey ge {CellPrefix} and RowKey lt {"t}"}");
        var cells = new List<TallyCell>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            cells.Add(new TallyCell(
                receivedOn,
                DateOnly.ParseExact(e.GetString("OccurredOn"), "yyyyMMdd", CultureInfo.InvariantCulture),
                e.GetString("Country") ?? TalliedReport.Unknown,
                JsonSerializer.Deserialize(e.GetString("Counts") ?? "{}", TallyJsonContext.Default.DayTally) ?? new DayTally(),
                e.GetString("Area") ?? TalliedReport.Unknown));
        }

        return cells;
    }

    /// <summary>Writes cells as they are, for seeding a benchmark or rebuilding a day; not for the processor.</summary>
    public async Task WriteCellsAsync(DateOnly receivedOn, IEnumerable<(TalliedReport Key, DayTally Counts)> cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var partition = ReportIndex.PartitionKey(receivedOn);
        foreach (var chunk in cells.Chunk(99))
        {
            var actions = chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, CellKey(c.Key))
            {
                ["OccurredOn"] = c.Key.OccurredKey,
                ["Country"] = c.Key.Country,
                ["Area"] = c.Key.Area,
                ["Counts"] = JsonSerializer.Serialize(c.Counts, TallyJsonContext.Default.DayTally),
            })).Append(ChangedAction(partition)).ToList();
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces <c>d|changed</c> whatever its ETag: only its new ETag matters, never a conflict.</summary>
    private TableTransactionAction ChangedAction(string partition) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, ChangedRow) { ["ChangedAt"] = time.GetUtcNow() });

    private async Task<TableEntity?> GetAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The row key of the area cell a report is counted in.</summary>
    internal static string CellKey(TalliedReport fact)
    {
        // Row keys are at most 1 KiB; a free-text area is cut well before that.
        var area = Sanitise(fact.Area);
        return string.Create(CultureInfo.InvariantCulture, $"{CellPrefix}{fact.OccurredKey}|{Sanitise(fact.Country)}|={(area.Length > 200 ? area[..200] : area)}");
    }

    private static string LegacyCellKey(TalliedReport fact) =>
        string.Create(CultureInfo.InvariantCulture, $"{CellPrefix}{fact.OccurredKey}|{Sanitise(fact.Country)}|{(int)(BitConverter.ToUInt32(fact.ReportId.ToByteArray(), 0) % LegacyShards):D2}");

    private static bool IsLegacy(string cellKey) => !cellKey.Contains("|=", StringComparison.Ordinal);

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
