using Intake.Core.Configuration;

namespace Intake.Core.Places;

/// <summary>
/// The admin-owned aliases in table storage (<see cref="StorageNames.PlaceAliasesTable"/>): partition the
/// country, row key the name's comparison key, so two spellings that compare equal are one alias.
/// Read by <see cref="CachedPlaceAliases"/>, never on the processing hot path. It does not check codes
/// against the gazetteer (<see cref="Admin.PlaceAliasAdmin"/> does, before it adds one): reading the
/// aliases, which every instance does at start, then does not load the gazetteer (about 20 MB), so an
/// instance that only takes reports through the API never loads it.
/// </summary>
public sealed class PlaceAliasStore(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.PlaceAliasesTable);

    /// <summary>Adds an alias, or points an existing one (same comparison key, same country) at a new code.</summary>
    /// <param name="alias">The name and the ISO 3166-2 code it means (a subdivision the gazetteer knows: the caller checks).</param>
    /// <param name="addedBy">Who added it (an admin's id), for the row; the audit trail is the caller's.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The alias as stored: the code upper-cased, the name trimmed.</returns>
    /// <exception cref="ArgumentException">The code is not of the form <c>CC-…</c>, or the name compares as empty.</exception>
    public async Task<PlaceAlias> AddAsync(PlaceAlias alias, string addedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var code = alias.Code.Trim().ToUpperInvariant();
        if (code.Length < 4 || code[2] != '-')
        {
            throw new ArgumentException($"'{code}' is not an ISO 3166-2 subdivision code.", nameof(alias));
        }

        var name = alias.Name.Trim();
        var key = PlaceNameNormalizer.Key(name);
        if (key.Length == 0 || name.Length > 100)
        {
            throw new ArgumentException("The alias must have letters or digits and at most 100 characters.", nameof(alias));
        }

        var entity = new TableEntity(code[..2], key)
        {
            ["Name"] = name,
            ["Code"] = code,
            ["AddedBy"] = addedBy,
            ["AddedAt"] = time.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return new PlaceAlias(name, code);
    }

    /// <summary>Removes the alias of <paramref name="country"/> that compares equal to <paramref name="name"/>.</summary>
    /// <returns>True when there was one.</returns>
    public async Task<bool> RemoveAsync(string country, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            await _table.DeleteEntityAsync(country.ToUpperInvariant(), PlaceNameNormalizer.Key(name), ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Every alias, ordered by country and comparison key. The table is small: one row per name an admin settled.</summary>
    public async Task<IReadOnlyList<PlaceAlias>> ListAsync(CancellationToken cancellationToken = default)
    {
        var aliases = new List<PlaceAlias>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(select: ["Name", "Code"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Name") is { } name && entity.GetString("Code") is { } code)
            {
                aliases.Add(new PlaceAlias(name, code));
            }
        }

        return aliases;
    }
}
