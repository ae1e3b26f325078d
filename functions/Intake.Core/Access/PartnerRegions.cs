using Intake.Core.Reports;

namespace Intake.Core.Access;

/// <summary>
/// The regions a partner token may export: ISO 3166-1 alpha-2 country codes (<c>SD</c>) or ISO 3166-2
/// area codes (<c>CF-UK</c>), the codes the gazetteer resolves reports to.
/// </summary>
internal static class PartnerRegions
{
    /// <summary>Most regions on one token.</summary>
    public const int MaxRegions = 50;

    /// <summary>
    /// Checks a token request's regions: required for partner tokens, not allowed for other kinds.
    /// Codes are upper-cased and de-duplicated.
    /// </summary>
    public static bool TryParse(CallerKind kind, IReadOnlyList<string>? given, out IReadOnlyList<string> regions, out string error)
    {
        regions = [];
        error = "";
        if (kind != CallerKind.Partner)
        {
            error = "Only partner tokens have regions.";
            return given is null || given.Count == 0;
        }

        if (given is null || given.Count is 0 or > MaxRegions)
        {
            error = $"A partner token needs 1 to {MaxRegions} regions (ISO 3166-1 country or ISO 3166-2 area codes, e.g. SD or CF-UK).";
            return false;
        }

        var codes = given.Select(c => (c ?? "").Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.FirstOrDefault(c => !IsRegion(c)) is { } bad)
        {
            error = $"'{bad}' is not an ISO 3166-1 country code or an ISO 3166-2 area code.";
            return false;
        }

        regions = codes;
        return true;
    }

    /// <summary>True when a report in <paramref name="country"/> (and area <paramref name="areaCode"/>) is in one of <paramref name="regions"/>.</summary>
    public static bool Covers(IReadOnlyList<string> regions, string? country, string? areaCode) =>
        regions.Any(r => string.Equals(r, country, StringComparison.OrdinalIgnoreCase) || string.Equals(r, areaCode, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="country"/> is one of the regions or the country of one of its areas.</summary>
    public static bool Touches(IReadOnlyList<string> regions, string country) =>
        regions.Any(r => r.Split('-')[0].Equals(country, StringComparison.OrdinalIgnoreCase));

    private static bool IsRegion(string code)
    {
        var parts = code.Split('-');
        return CountryCodes.All.Contains(parts[0])
            && (parts.Length == 1 || (parts.Length == 2 && parts[1].Length is >= 1 and <= 3 && parts[1].All(char.IsAsciiLetterOrDigit)));
    }
}
