using Intake.Core.Storage;

namespace Intake.Core.Places;

/// <summary>
/// The seam the digest, alerts and exports key areas by: one code per processed report, the resolved
/// ISO 3166-2 subdivision, else the resolved country. Rows processed before places were resolved fall
/// back to the country they stated.
/// </summary>
internal static class ReportArea
{
    /// <summary>The area code of a processed report; null when it has neither a resolved place nor a stated country.</summary>
    public static string? CodeOf(ReportClassification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return classification.Place is { } place ? place.AreaCode : classification.Country;
    }
}
