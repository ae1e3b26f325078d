namespace Intake.Core.Places;

/// <summary>
/// The aliases of <see cref="PlaceAliasStore"/>, held in memory for the resolver: <see cref="Current"/>
/// never touches storage; <see cref="RefreshAsync"/> (run by <see cref="PlaceAliasRefresher"/>, and by
/// whatever adds an alias) reads the table and swaps in a new list only when it changed.
/// </summary>
internal sealed class CachedPlaceAliases(PlaceAliasStore store) : IPlaceAliasSource
{
    private volatile IReadOnlyList<PlaceAlias> _current = [];

    /// <inheritdoc />
    public IReadOnlyList<PlaceAlias> Current => _current;

    /// <summary>Reads the aliases again.</summary>
    /// <returns>True when the list changed (the resolver then re-indexes it once).</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var read = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        if (read.SequenceEqual(_current))
        {
            return false;
        }

        _current = read;
        return true;
    }
}
