namespace Intake.Core.Access;

/// <summary>An access token as admins see it: never its secret, which only its holder has.</summary>
/// <param name="Id">Public id; the first part of the token.</param>
/// <param name="Kind">Submitter, admin or partner.</param>
/// <param name="Name">What it is for, e.g. a device or a project.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="CreatedBy">Who issued it (a caller id), or <c>bootstrap</c>.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record AccessToken(string Id, CallerKind Kind, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    /// <summary>A partner token's regions: ISO 3166-1 country codes or ISO 3166-2 area codes; empty for other kinds.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>When it stops working by itself (a campaign's expiry, or one set by an admin); null for a token that works until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A campaign token's terms (languages, daily quota); null for other kinds.</summary>
    public CampaignTerms? Campaign { get; init; }

    /// <summary>
    /// When it last got a request through, to within <see cref="AccessTokenStore.LastUsedPrecision"/>
    /// (the time is written at most that often, not on every request); null if never.
    /// </summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>True once revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True when it has an expiry and <paramref name="now"/> is at or past it.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;
}
