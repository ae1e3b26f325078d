using Intake.Core.Configuration;

namespace Intake.Core.Access;

/// <summary>
/// Access tokens in table storage, stored only as a random salt and SHA-256(salt ‖ secret).
/// A token reads <c>{prefix}.{id}.{secret}</c>: the id locates the row with one point read. Rows
/// read are kept for <see cref="VerifiedTokenCache.Lifetime"/> (30 s), so a revocation applies at
/// once on the instance that revoked and within 30 s on the others; the secret is checked against
/// the row's hash on every request. A fast hash is enough here because the secret is 256 random
/// bits, not a password.
/// </summary>
public sealed partial class AccessTokenStore(TableServiceClient tables, TimeProvider time, ILogger<AccessTokenStore>? logger = null)
{
    /// <summary>
    /// How stale a token's last-used time may be: it is written when a request gets through and the
    /// time known (stored, or written by this instance) is older than this, so a busy token costs one
    /// table write per instance per this period, not one per request.
    /// </summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(15);

    private const string Partition = "token";
    private const string SubmitterPrefix = "isub";
    private const string AdminPrefix = "iadm";
    private const string PartnerPrefix = "iprt";
    private const string CampaignPrefix = "icmp";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccessTokensTable);
    private readonly VerifiedTokenCache _cache = new(time);

    // The last-used time this instance last wrote (or read) per token id: the cached row's own value
    // is up to VerifiedTokenCache.Lifetime old, and must not make every request of that window write.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastUsedKnown = new(StringComparer.Ordinal);

    /// <summary>Issues a submitter or admin token; the returned secret is not stored and cannot be shown again.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is partner: use CreatePartnerAsync, which takes its regions.</exception>
    public Task<IssuedToken> CreateAsync(CallerKind kind, string name, string createdBy, CancellationToken cancellationToken = default) =>
        CreateAsync(kind, name, createdBy, expiresAt: null, cancellationToken);

    /// <summary>Issues a submitter or admin token that stops working at <paramref name="expiresAt"/> (null: until revoked).</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is partner or campaign: use <see cref="CreatePartnerAsync(string, IReadOnlyList{string}, string, DateTimeOffset?, CancellationToken)"/> or CreateCampaignAsync.</exception>
    public Task<IssuedToken> CreateAsync(CallerKind kind, string name, string createdBy, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default) =>
        kind switch
        {
            CallerKind.Partner => throw new ArgumentException("A partner token needs regions: use CreatePartnerAsync.", nameof(kind)),
            CallerKind.Campaign => throw new ArgumentException("A campaign token needs its terms: use CreateCampaignAsync.", nameof(kind)),
            _ => IssueAsync(kind, name, createdBy, [], null, expiresAt, cancellationToken),
        };

    /// <summary>Issues a partner token limited to <paramref name="regions"/> (country or ISO 3166-2 area codes, validated by the caller).</summary>
    public Task<IssuedToken> CreatePartnerAsync(string name, IReadOnlyList<string> regions, string createdBy, CancellationToken cancellationToken = default) =>
        CreatePartnerAsync(name, regions, createdBy, expiresAt: null, cancellationToken);

    /// <summary>Issues a partner token limited to <paramref name="regions"/> that stops working at <paramref name="expiresAt"/> (null: until revoked).</summary>
    public Task<IssuedToken> CreatePartnerAsync(string name, IReadOnlyList<string> regions, string createdBy, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            throw new ArgumentException("A partner token needs at least one region.", nameof(regions));
        }

        return IssueAsync(CallerKind.Partner, name, createdBy, regions, null, expiresAt, cancellationToken);
    }

    /// <summary>
    /// Issues the submit-only token of a campaign link: it works until <paramref name="expiresAt"/>
    /// or until revoked (the campaign closed), and carries the campaign's <paramref name="terms"/>.
    /// The token's id is the campaign's id.
    /// </summary>
    public Task<IssuedToken> CreateCampaignAsync(string name, IReadOnlyList<string> regions, CampaignTerms terms, DateTimeOffset expiresAt, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(terms);
        return IssueAsync(CallerKind.Campaign, name, createdBy, regions, terms, expiresAt, cancellationToken);
    }

    private async Task<IssuedToken> IssueAsync(CallerKind kind, string name, string createdBy, IReadOnlyList<string> regions, CampaignTerms? terms, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var token = new AccessToken(id, kind, name.Trim(), time.GetUtcNow(), createdBy, null)
        {
            Regions = regions,
            ExpiresAt = expiresAt,
            Campaign = terms,
        };
        var entity = new TableEntity(Partition, id)
        {
            ["Kind"] = kind.ToString(),
            ["Name"] = token.Name,
            ["Salt"] = Convert.ToBase64String(salt),
            ["Hash"] = Convert.ToBase64String(Hash(salt, secret)),
            ["CreatedAt"] = token.CreatedAt,
            ["CreatedBy"] = createdBy,
            ["Regions"] = string.Join(',', token.Regions),
            ["ExpiresAt"] = token.ExpiresAt,
            ["Languages"] = terms is null ? null : string.Join(',', terms.Languages),
            ["DailyQuota"] = terms?.DailyQuota,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return new IssuedToken(token, $"{PrefixOf(kind)}.{id}.{secret}");
    }

    /// <summary>True when the text has the shape of one of our tokens (rather than, say, a JWT).</summary>
    public static bool LooksLikeToken(string text) =>
        text.StartsWith(SubmitterPrefix + ".", StringComparison.Ordinal) || text.StartsWith(AdminPrefix + ".", StringComparison.Ordinal)
        || text.StartsWith(PartnerPrefix + ".", StringComparison.Ordinal) || text.StartsWith(CampaignPrefix + ".", StringComparison.Ordinal);

    /// <summary>
    /// The token the text proves, if it is well-formed, known, matches its hash, is not revoked and
    /// has not expired; notes its use (at most every <see cref="LastUsedPrecision"/>).
    /// </summary>
    public async Task<AccessToken?> VerifyAsync(string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var parts = presented.Split('.');
        if (parts.Length != 3 || parts[1].Length != 16 || !parts[1].All(char.IsAsciiHexDigitLower) || parts[2].Length is 0 or > 64)
        {
            return null;
        }

        var row = _cache.Find(parts[1]);
        if (row is null)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, parts[1], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.HasValue)
            {
                return null;
            }

            var entity = response.Value!;
            row = new StoredTokenRow(ToToken(entity), Convert.FromBase64String(entity.GetString("Salt") ?? ""), Convert.FromBase64String(entity.GetString("Hash") ?? ""));
            _cache.Keep(row);
        }

        var token = row.Token;
        var prefixMatches = parts[0] == PrefixOf(token.Kind);
        var now = time.GetUtcNow();
        if (!CryptographicOperations.FixedTimeEquals(row.Hash, Hash(row.Salt, parts[2])) || !prefixMatches || token.IsRevoked || token.IsExpiredAt(now))
        {
            return null;
        }

        await NoteUsedAsync(token, now, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>One token by id, revoked or not; null when there is none.</summary>
    public async Task<AccessToken?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToToken(response.Value!) : null;
    }

    /// <summary>Writes the token's last-used time when the one known is older than <see cref="LastUsedPrecision"/>.</summary>
    private async Task NoteUsedAsync(AccessToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (token.LastUsedAt is { } stored && now - stored < LastUsedPrecision)
        {
            return;
        }

        // Claimed before the write, so that concurrent requests (and the cached row's old value) do not all write.
        if (_lastUsedKnown.TryGetValue(token.Id, out var claimed))
        {
            if (now - claimed < LastUsedPrecision || !_lastUsedKnown.TryUpdate(token.Id, now, claimed))
            {
                return;
            }
        }
        else if (!_lastUsedKnown.TryAdd(token.Id, now))
        {
            return;
        }

        try
        {
            var entity = new TableEntity(Partition, token.Id) { ["LastUsedAt"] = now };
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            // Bookkeeping only: the request it came with goes on; a later request writes it again.
            _lastUsedKnown.TryRemove(new KeyValuePair<string, DateTimeOffset>(token.Id, now));
            if (logger is not null)
            {
                LogLastUsedNotWritten(logger, e, token.Id);
            }
        }
    }

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "Could not record the last use of token {TokenId}; retried on a later request")]
    private static partial void LogLastUsedNotWritten(ILogger logger, Exception exception, string tokenId);

    /// <summary>Every token, revoked ones included, newest first.</summary>
    public async IAsyncEnumerable<AccessToken> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = new List<AccessToken>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(ToToken(entity));
        }

        foreach (var token in all.OrderByDescending(t => t.CreatedAt))
        {
            yield return token;
        }
    }

    /// <summary>True when at least one admin token works.</summary>
    public async Task<bool> HasActiveAdminTokenAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var token in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (token.Kind == CallerKind.Admin && !token.IsRevoked && !token.IsExpiredAt(time.GetUtcNow()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Revokes a token: the next request to this instance that presents it is refused, and on other
    /// instances within <see cref="VerifiedTokenCache.Lifetime"/>. Null when no such token exists.
    /// </summary>
    public async Task<AccessToken?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        _cache.Forget(id);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        if (entity.GetDateTimeOffset("RevokedAt") is null)
        {
            entity["RevokedAt"] = time.GetUtcNow();
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }

        return ToToken(entity);
    }

    private static AccessToken ToToken(TableEntity e) => new(
        e.RowKey,
        Enum.TryParse<CallerKind>(e.GetString("Kind"), out var kind) ? kind : CallerKind.Submitter,
        e.GetString("Name") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CreatedBy") ?? "",
        e.GetDateTimeOffset("RevokedAt"))
    {
        Regions = (e.GetString("Regions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        ExpiresAt = e.GetDateTimeOffset("ExpiresAt"),
        Campaign = e.GetString("Kind") == nameof(CallerKind.Campaign)
            ? new CampaignTerms((e.GetString("Languages") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), e.GetInt32("DailyQuota") ?? 0)
            : null,
        LastUsedAt = e.GetDateTimeOffset("LastUsedAt"),
    };

    // The prefix says the kind, so a token cannot be presented as another kind than it was issued as.
    private static string PrefixOf(CallerKind kind) => kind switch
    {
        CallerKind.Admin => AdminPrefix,
        CallerKind.Partner => PartnerPrefix,
        CallerKind.Campaign => CampaignPrefix,
        _ => SubmitterPrefix,
    };

    private static byte[] Hash(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
