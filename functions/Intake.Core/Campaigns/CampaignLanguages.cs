namespace Intake.Core.Campaigns;

/// <summary>The languages the web form ships translations for (<c>webform/app/i18n/*.json</c>).</summary>
internal static class CampaignLanguages
{
    /// <summary>Every language, in the default order.</summary>
    public static readonly IReadOnlyList<string> All = ["en", "fr", "ar"];

    /// <summary>Checks and normalises a request's languages; null or empty means all of them.</summary>
    public static bool TryParse(IReadOnlyList<string>? given, out IReadOnlyList<string> languages, out string error)
    {
        error = "";
        languages = All;
        if (given is null || given.Count == 0)
        {
            return true;
        }

        var codes = given.Select(c => (c ?? "").Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.FirstOrDefault(c => !All.Contains(c)) is { } bad)
        {
            error = $"'{bad}' has no translation; the form speaks {string.Join(", ", All)}.";
            return false;
        }

        languages = codes;
        return true;
    }
}
