using System.IO.Compression;
using Intake.Core.Configuration;

namespace Intake.Core.Digest.Tally;

/// <summary>
/// Reads the tally for the digest, the backtest and the flash sweep: open days (today, and
/// yesterday until an hour after midnight) from the table, closed days from one snapshot blob
/// each, so that 44 days of 2,000 areas cost 44 point reads and a few downloads instead of
/// ~120,000 rows paged out of table storage. The 06:00 digest of yesterday reads no open day.
/// <para>
/// A snapshot is built lazily, the first time a closed day is read: the day's <c>d|changed</c>
/// ETag is read first, then the cells, and both are stored (gzip JSON, blob
/// <c>tally/yyyyMMdd.json.gz</c> in container <see cref="StorageNames.Digests"/>). A reader trusts
/// a snapshot only while the row's ETag is still the stored one (or the row is absent both times).
/// <see cref="DailyTally"/> replaces that row in the same transaction as every change to a past
/// day, so a late reprocess of an old report marks its day changed atomically, and a change
/// between reading the ETag and reading the cells leaves a snapshot that the next read rebuilds.
/// Snapshots are derived data: deleting them costs one rebuild each.
/// </para>
/// Snapshots read or built are kept in memory (keyed by day and ETag, up to
/// <see cref="MaxCachedCells"/> cells), so repeated compiles and backtests in one process download nothing.
/// </summary>
public sealed partial class TallySnapshots(DailyTally tally, BlobServiceClient blobs, TimeProvider time, ILogger<TallySnapshots> logger)
{
    /// <summary>
    /// How long after its end a day is still read live. <see cref="DailyTally"/> marks a day changed
    /// only once its own clock has passed the day's end, so a change decided just before midnight
    /// is unmarked: the hour is the margin for such a transaction (and for clocks that differ).
    /// </summary>
    public static readonly TimeSpan OpenAfterEnd = TimeSpan.FromHours(1);

    /// <summary>The most cells kept in memory; older days are dropped first beyond it.</summary>
    public const int MaxCachedCells = 600_000;

    private const int ParallelDays = 4;
    private const int ParallelMarks = 16;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Digests);
    private readonly Dictionary<DateOnly, TallySnapshot> _cache = [];
    private readonly Lock _gate = new();
    private int _live;
    private int _cached;
    private int _downloaded;
    private int _built;

    /// <summary>How days have been read since start.</summary>
    public TallySnapshotReads Reads => new(_live, _cached, _downloaded, _built);

    /// <summary>Reads every cell received from <paramref name="firstReceived"/> to <paramref name="lastReceived"/> (inclusive), oldest day first.</summary>
    /// <remarks>Each closed day costs one point read when its snapshot is in memory; up to four days are downloaded or read at once.</remarks>
    public async IAsyncEnumerable<TallyCell> ReadAsync(DateOnly firstReceived, DateOnly lastReceived, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var days = Enumerable.Range(0, Math.Max(0, lastReceived.DayNumber - firstReceived.DayNumber + 1)).Select(firstReceived.AddDays).ToList();
        var firstOpen = DateOnly.FromDateTime((time.GetUtcNow() - OpenAfterEnd).UtcDateTime);
        // The marks first, many at once: one small point read per closed day, then most days come from memory.
        var marks = new Dictionary<DateOnly, string?>();
        await Parallel.ForEachAsync(days.Where(d => d < firstOpen), new ParallelOptions { MaxDegreeOfParallelism = ParallelMarks, CancellationToken = cancellationToken }, async (day, ct) =>
        {
            var mark = (await tally.ChangeMarkAsync(day, ct).ConfigureAwait(false))?.ToString();
            lock (marks)
            {
                marks[day] = mark;
            }
        }).ConfigureAwait(false);
        var reads = new Task<IReadOnlyList<TallyCell>>?[days.Count];
        for (var i = 0; i < days.Count; i++)
        {
            for (var j = i; j < Math.Min(days.Count, i + ParallelDays); j++)
            {
                reads[j] ??= marks.TryGetValue(days[j], out var mark) ? ReadClosedDayAsync(days[j], mark, cancellationToken) : ReadOpenDayAsync(days[j], cancellationToken);
            }

            foreach (var cell in await reads[i]!.ConfigureAwait(false))
            {
                yield return cell;
            }

            reads[i] = null;
        }
    }

    private async Task<IReadOnlyList<TallyCell>> ReadOpenDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _live);
        return await tally.ReadDayAsync(day, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="day">A closed day.</param>
    /// <param name="mark">Its mark, read before its cells are: a change after that read makes the mark stale, never a snapshot silently wrong.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    private async Task<IReadOnlyList<TallyCell>> ReadClosedDayAsync(DateOnly day, string? mark, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(day, out var kept) && kept.Mark == mark)
            {
                Interlocked.Increment(ref _cached);
                return kept.Cells;
            }
        }

        var stored = await DownloadAsync(day, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.Mark == mark && stored.ReceivedOn == day)
        {
            Interlocked.Increment(ref _downloaded);
            Keep(stored);
            return stored.Cells;
        }

        var snapshot = new TallySnapshot(day, mark, await tally.ReadDayAsync(day, cancellationToken).ConfigureAwait(false));
        await UploadAsync(snapshot, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _built);
        LogBuilt(day, snapshot.Cells.Count, stored is null ? "none" : "changed");
        Keep(snapshot);
        return snapshot.Cells;
    }

    private void Keep(TallySnapshot snapshot)
    {
        lock (_gate)
        {
            _cache[snapshot.ReceivedOn] = snapshot;
            var total = _cache.Values.Sum(s => s.Cells.Count);
            foreach (var day in _cache.Keys.Order().ToList())
            {
                if (total <= MaxCachedCells || day == snapshot.ReceivedOn)
                {
                    break;
                }

                total -= _cache[day].Cells.Count;
                _cache.Remove(day);
            }
        }
    }

    private async Task<TallySnapshot?> DownloadAsync(DateOnly day, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.GetBlobClient(BlobName(day)).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var content = response.Value.Content;
            await using var unzip = new GZipStream(content, CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync(unzip, TallyJsonContext.Default.TallySnapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            // A damaged or foreign blob is only a missed shortcut: rebuild it.
            LogUnreadable(e, day);
            return null;
        }
    }

    private async Task UploadAsync(TallySnapshot snapshot, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(zip, snapshot, TallyJsonContext.Default.TallySnapshot, cancellationToken).ConfigureAwait(false);
        }

        buffer.Position = 0;
        // Two readers building the same day write equally valid snapshots: the last one stays.
        await _container.GetBlobClient(BlobName(snapshot.ReceivedOn)).UploadAsync(
            buffer,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" } },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The snapshot blob of a day of receipt.</summary>
    internal static string BlobName(DateOnly day) => "tally/" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".json.gz";

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Built the tally snapshot of {Day}: {Cells} cells (previous snapshot: {Previous})")]
    private partial void LogBuilt(DateOnly day, int cells, string previous);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "The tally snapshot of {Day} could not be read; rebuilding it")]
    private partial void LogUnreadable(Exception exception, DateOnly day);
}
