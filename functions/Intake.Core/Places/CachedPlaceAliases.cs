namespace Intake.Core.Places;

/// <summary>
/// The aliases of <see cref="PlaceAliasStore"/>, held in memory for the resolver: <see cref="Current"/>
/// never touches storage; <see cref="RefreshAsync"/> (run by <see cref="PlaceAliasRefresher"/>, and by
/// whatever adds an alias) reads the table and swaps in a new list only when it changed.
/// </summary>
public sealed class CachedPlaceAliases(PlaceAliasStore store, TimeProvider time) : IPlaceAliasSource
{
    private volatile IReadOnlyList<PlaceAlias> _current = [];
    private long _readAtTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <inheritdoc />
    public IReadOnlyList<PlaceAlias> Current => _current;

    /// <summary>When the last successful read started (UTC); <see cref="DateTimeOffset.MinValue"/> before the first.</summary>
    public DateTimeOffset ReadAt => new(Interlocked.Read(ref _readAtTicks), TimeSpan.Zero);

    /// <summary>Reads the aliases again.</summary>
    /// <returns>True when the list changed (the resolver then re-indexes it once).</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var read = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _readAtTicks, Math.Max(Interlocked.Read(ref _readAtTicks), started.UtcTicks));
        if (read.SequenceEqual(_current))
        {
            return false;
        }

        _current = read;
        return true;
    }

    /// <summary>
    /// Reads the aliases again unless the last read started at or after <paramref name="asOf"/>: a forced
    /// reprocess after an alias change then resolves with that alias on every instance, not only the admin's.
    /// </summary>
    public Task EnsureReadSinceAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        ReadAt >= asOf ? Task.CompletedTask : RefreshAsync(cancellationToken);
}
