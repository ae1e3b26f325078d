using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Reports;

namespace Intake.Core.Http;

/// <summary>A list of regions followed (subscribers, webhooks): ISO 3166-1 alpha-2 codes or <c>*</c>; and the recipient's audience.</summary>
internal static class RegionList
{
    /// <summary>The errors of <paramref name="regions"/>, each naming its field (<c>regions</c>, <c>regions.2</c>).</summary>
    public static IEnumerable<FieldError> Validate(IReadOnlyList<string>? regions)
    {
        if (regions is not { Count: > 0 } || regions.Count > 300)
        {
            yield return new FieldError("regions", "Must list 1 to 300 ISO country codes, or \"*\" for all.");
            yield break;
        }

        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i];
            if (region != DigestSelection.AllRegions && (region is null || !CountryCodes.All.Contains(region.ToUpperInvariant())))
            {
                yield return new FieldError($"regions.{i}", "Must be an ISO 3166-1 alpha-2 country code, or \"*\".");
            }
        }
    }

    /// <summary>Upper case, distinct, sorted.</summary>
    public static IReadOnlyList<string> Normalise(IReadOnlyList<string> regions) =>
        [.. regions.Select(r => r == DigestSelection.AllRegions ? r : r.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The error of an optional <c>audience</c> (<see cref="Audiences"/>); null when it is absent or valid.</summary>
    public static FieldError? ValidateAudience(string? audience) =>
        audience is null || Audiences.All.Contains(audience)
            ? null
            : new FieldError("audience", "Must be \"internal\" (sees every report) or \"partner\" (per-report lines only of reports consented for sharing).");
}
