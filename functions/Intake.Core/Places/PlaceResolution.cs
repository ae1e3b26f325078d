namespace Intake.Core.Places;

/// <summary>Where a report is, as the resolver settled it. The raw submission is never changed.</summary>
/// <param name="Country">The ISO 3166-1 code: as stated, else from the coordinates or the admin1; null when none.</param>
/// <param name="Admin1Code">The ISO 3166-2 code of the first-level subdivision; null when not resolved.</param>
/// <param name="Admin1Name">The English name of the resolved subdivision, or the admin1 text as given when unresolved.</param>
/// <param name="Method">How the area was resolved.</param>
/// <param name="Score">The similarity (0 to 1) of a <see cref="PlaceMatch.Fuzzy"/> match; null otherwise.</param>
/// <param name="Flags">What to note about the country and coordinates.</param>
public sealed record PlaceResolution(
    string? Country,
    string? Admin1Code,
    string? Admin1Name,
    PlaceMatch Method,
    double? Score,
    PlaceFlags Flags)
{
    /// <summary>The code areas are counted by: the subdivision when resolved, else the country, else null.</summary>
    public string? AreaCode => Admin1Code ?? Country;
}
