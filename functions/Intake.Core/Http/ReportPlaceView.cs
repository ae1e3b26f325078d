using Intake.Core.Places;

namespace Intake.Core.Http;

/// <summary>Where a processed report is, as the status shows it (see <see cref="PlaceResolution"/>).</summary>
/// <param name="AreaCode">The code areas are counted by: the ISO 3166-2 subdivision when resolved, else the country.</param>
/// <param name="Country">The ISO 3166-1 country: as stated, else from the coordinates or the admin1.</param>
/// <param name="Admin1Code">The ISO 3166-2 subdivision; null when the admin1 did not resolve.</param>
/// <param name="Admin1Name">The subdivision's English name, or the admin1 as given when it did not resolve.</param>
/// <param name="Method">How it was resolved: <c>code</c>, <c>alias</c>, <c>exact</c>, <c>fuzzy</c>, <c>unresolved</c>, <c>stated</c>, <c>coordinates</c> or <c>none</c>.</param>
/// <param name="Score">The similarity (0 to 1) of a fuzzy match; null otherwise.</param>
/// <param name="Flags">What to doubt, for example <c>country-disagrees</c> or <c>null-island</c>; empty for nothing.</param>
public sealed record ReportPlaceView(
    string? AreaCode,
    string? Country,
    string? Admin1Code,
    string? Admin1Name,
    string Method,
    double? Score,
    IReadOnlyList<string> Flags)
{
    /// <summary>The view of a resolution; null for none (reports not processed, or processed before places were resolved).</summary>
    public static ReportPlaceView? Of(PlaceResolution? place) => place is null
        ? null
        : new ReportPlaceView(
            place.AreaCode,
            place.Country,
            place.Admin1Code,
            place.Admin1Name,
            PlaceText.Method(place.Method),
            place.Score,
            PlaceText.Flags(place.Flags).Split(',', StringSplitOptions.RemoveEmptyEntries));
}
