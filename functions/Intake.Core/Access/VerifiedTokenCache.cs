using System.Collections.Concurrent;

namespace Intake.Core.Access;

/// <summary>
/// Token rows read from storage, kept for <see cref="Lifetime"/> so that a busy submitter costs one
/// table read per token per half-minute instead of one per request (issue 14: the read was a
/// fourth storage call in front of the blob write). Only rows that exist are kept: an unknown id
/// is asked of storage every time. The secret is still checked against the row's salted hash on
/// every request; what the cache delays is only a revocation made on another instance, by at most
/// <see cref="Lifetime"/>. A revocation on this instance takes effect at once (<see cref="Forget"/>).
/// Bounded: at <see cref="MaxEntries"/> expired rows are dropped, and if none has expired new rows
/// are not kept (requests then read storage as before).
/// </summary>
internal sealed class VerifiedTokenCache(TimeProvider time)
{
    /// <summary>How long a row read from storage is trusted: the longest a revocation on another instance can take to apply.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>At most this many rows are kept (a few hundred bytes each).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _rows = new(StringComparer.Ordinal);

    // Ids revoked on this instance: a read that raced the revocation must not keep the old row. Tokens are few and revoked rarely.
    private readonly ConcurrentDictionary<string, bool> _revokedHere = new(StringComparer.Ordinal);

    /// <summary>The row of token <paramref name="id"/> if it was read less than <see cref="Lifetime"/> ago.</summary>
    public StoredTokenRow? Find(string id)
    {
        if (_rows.TryGetValue(id, out var entry))
        {
            if (entry.ExpiresAt > time.GetUtcNow())
            {
                return entry.Row;
            }

            _rows.TryRemove(new KeyValuePair<string, Entry>(id, entry));
        }

        return null;
    }

    /// <summary>Keeps a row just read from storage.</summary>
    public void Keep(StoredTokenRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.Token.IsRevoked && _revokedHere.ContainsKey(row.Token.Id))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_rows.Count >= MaxEntries && !_rows.ContainsKey(row.Token.Id))
        {
            foreach (var (id, entry) in _rows)
            {
                if (entry.ExpiresAt <= now)
                {
                    _rows.TryRemove(new KeyValuePair<string, Entry>(id, entry));
                }
            }

            if (_rows.Count >= MaxEntries)
            {
                return;
            }
        }

        _rows[row.Token.Id] = new Entry(row, now + Lifetime);
    }

    /// <summary>Drops a token being revoked on this instance, and never keeps a row of it read as not yet revoked.</summary>
    public void Forget(string id)
    {
        _revokedHere[id] = true;
        _rows.TryRemove(id, out _);
    }

    /// <summary>How many rows are kept now.</summary>
    public int Count => _rows.Count;

    private sealed record Entry(StoredTokenRow Row, DateTimeOffset ExpiresAt);
}
