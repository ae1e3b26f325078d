using Intake.Core.Access;

namespace Intake.Core.Admin;

/// <summary>An access token as the admin API shows it; <see cref="Token"/> is set only in the answer that created it.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Kind">Submitter, admin or partner.</param>
/// <param name="Name">What it is for.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="CreatedBy">Who issued it.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="Token">The secret token text, once.</param>
internal sealed record TokenView(string Id, CallerKind Kind, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? Token = null)
{
    /// <summary>A partner token's regions; empty for other kinds.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>When it stops working by itself; null until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it last got a request through (written at most every 15 minutes); null if never.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The view of a stored token.</summary>
    public static TokenView Of(AccessToken token, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenView(token.Id, token.Kind, token.Name, token.CreatedAt, token.CreatedBy, token.RevokedAt, secret)
        {
            Regions = token.Regions,
            ExpiresAt = token.ExpiresAt,
            LastUsedAt = token.LastUsedAt,
        };
    }
}
