namespace Intake.Core.Campaigns;

/// <summary>What the web form learns about its campaign (<c>GET /api/campaign</c>): never the campaign's name, which may say too much on a screen.</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Languages">The form's languages, first the default.</param>
/// <param name="Regions">Country or area codes.</param>
/// <param name="Bounds">West, south, east, north (degrees) around the regions' countries: the map opens on them; null when unknown.</param>
internal sealed record WebFormCampaign(string Id, IReadOnlyList<string> Languages, IReadOnlyList<string> Regions, IReadOnlyList<double>? Bounds);
