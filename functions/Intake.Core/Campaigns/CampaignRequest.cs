namespace Intake.Core.Campaigns;

/// <summary>The body of <c>POST /api/admin/campaigns</c>.</summary>
/// <param name="Name">What the campaign is for; shown to admins only, never on the form.</param>
/// <param name="Regions">ISO 3166-1 country or ISO 3166-2 area codes the campaign is about: the form's map opens on them.</param>
/// <param name="Languages">The form's languages (<c>en</c>, <c>fr</c>, <c>ar</c>), first the default; default all of them.</param>
/// <param name="ExpiresAt">When the link stops working (at most a year ahead).</param>
/// <param name="DailyQuota">Most new reports per UTC day (default 500).</param>
internal sealed record CampaignRequest(string? Name, IReadOnlyList<string>? Regions, IReadOnlyList<string>? Languages, DateTimeOffset? ExpiresAt, int? DailyQuota);
