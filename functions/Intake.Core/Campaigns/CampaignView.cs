using Intake.Core.Access;

namespace Intake.Core.Campaigns;

/// <summary>A campaign as the admin API shows it. <see cref="Link"/> (with the credential) is set only in the answer that created it.</summary>
/// <param name="Id">The campaign's id (the id of its token).</param>
/// <param name="Name">What it is for.</param>
/// <param name="Regions">The countries or areas it is about.</param>
/// <param name="Languages">The form's languages, first the default.</param>
/// <param name="DailyQuota">Most new reports per UTC day.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="ClosedAt">When an admin closed it, if one did.</param>
/// <param name="FormPath">The form's path (without the credential).</param>
internal sealed record CampaignView(
    string Id, string Name, IReadOnlyList<string> Regions, IReadOnlyList<string> Languages, int DailyQuota,
    DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ClosedAt, string FormPath)
{
    /// <summary><c>open</c>, <c>closed</c> or <c>expired</c>.</summary>
    public required string State { get; init; }

    /// <summary>The link to hand out: the form's path with the credential in the fragment (never sent to a server, never in a log). Once, at creation.</summary>
    public string? Link { get; init; }

    /// <summary>The view of a campaign token.</summary>
    public static CampaignView Of(AccessToken token, DateTimeOffset now, string formPath, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        var terms = token.Campaign ?? new CampaignTerms([], 0);
        return new CampaignView(token.Id, token.Name, token.Regions, terms.Languages, terms.DailyQuota, token.ExpiresAt, token.CreatedAt, token.CreatedBy, token.RevokedAt, formPath)
        {
            State = token.IsRevoked ? "closed" : token.IsExpiredAt(now) ? "expired" : "open",
            Link = link,
        };
    }
}
