namespace Intake.Core.Campaigns;

/// <summary>What the web form learns about its campaign (<c>GET /api/campaign</c>): never the campaign's name, which may say too much on a screen.</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Languages">The form's languages, first the default.</param>
/// <param name="Regions">Country or area codes: the map opens on them.</param>
internal sealed record WebFormCampaign(string Id, IReadOnlyList<string> Languages, IReadOnlyList<string> Regions);
