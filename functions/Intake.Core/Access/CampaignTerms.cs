namespace Intake.Core.Access;

/// <summary>
/// What a campaign token carries beyond an access token: the languages its web form offers and
/// how many reports a day it may send. Kept on the token's row, so the access gate's one (cached)
/// read gives the form's route everything it needs.
/// </summary>
/// <param name="Languages">Language codes of the form (<c>en</c>, <c>fr</c>, <c>ar</c>), in order of preference.</param>
/// <param name="DailyQuota">Most new reports per UTC day.</param>
public sealed record CampaignTerms(IReadOnlyList<string> Languages, int DailyQuota);
