namespace Intake.Core.Digest;

/// <summary>Cuts a digest down to the regions a subscriber follows, and names its areas in the subscriber's language.</summary>
internal static class DigestSelection
{
    /// <summary>Every region: a subscriber following <c>*</c>.</summary>
    public const string AllRegions = "*";

    /// <summary>
    /// The digest with area names in a reader's language: <paramref name="nameOf"/> gives the name of
    /// an ISO 3166-2 code (null keeps the name the digest was compiled with, English).
    /// </summary>
    public static SituationDigest Named(SituationDigest digest, Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(nameOf);
        return digest with
        {
            Alerts = [.. digest.Alerts.Select(a => a.AreaName is not null && a.Area is { } area && nameOf(area) is { } name ? a with { AreaName = name } : a)],
            Regions = [.. digest.Regions.Select(r => r with
            {
                Notable = [.. r.Notable.Select(n => n.Admin1Name is not null && nameOf(n.Admin1) is { } name ? n with { Admin1Name = name } : n)],
            })],
        };
    }

    /// <summary>The digest with only <paramref name="regions"/> (or all, for <see cref="AllRegions"/>); totals are recomputed, pipeline health kept.</summary>
    public static SituationDigest ForRegions(SituationDigest digest, IReadOnlyCollection<string> regions)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Contains(AllRegions))
        {
            return digest;
        }

        var followed = regions.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = digest.Regions.Where(r => followed.Contains(r.Region)).ToList();
        var alerts = digest.Alerts.Where(a => followed.Contains(a.Region)).ToList();
        var categories = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var areas = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var factors = new Dictionary<string, RiskFactorCount>(StringComparer.Ordinal);
        foreach (var region in kept)
        {
            foreach (var (category, n) in region.Received.ByCategory)
            {
                categories[category] = categories.GetValueOrDefault(category) + n;
            }

            foreach (var (area, n) in region.Received.ByAdmin1)
            {
                areas[$"{region.Region}/{area}"] = n;
            }

            foreach (var f in region.Received.RiskFactors)
            {
                factors[f.Code] = factors.TryGetValue(f.Code, out var sum) ? sum with { Reports = sum.Reports + f.Reports } : f;
            }
        }

        var totals = new ReceivedCounts(
            kept.Sum(r => r.Received.Reports),
            kept.Sum(r => r.Received.Killed),
            kept.Sum(r => r.Received.Injured),
            categories,
            areas,
            factors.Values.OrderBy(f => int.Parse(f.Code.AsSpan(2), CultureInfo.InvariantCulture)).ToList());
        var names = string.Join(", ", followed.Order(StringComparer.OrdinalIgnoreCase));
        var quiet = kept.Count == 0 && alerts.Count == 0;
        var headline = quiet
            ? string.Create(CultureInfo.InvariantCulture, $"A quiet day in your regions ({names}): no reports received or incidents recorded on {digest.Day:yyyy-MM-dd}.")
            : string.Create(CultureInfo.InvariantCulture, $"{DigestCompiler.AlertSummary(alerts)}; {totals.Reports} report(s) received on {digest.Day:yyyy-MM-dd} in your regions ({names}).");
        return digest with { Quiet = quiet, Headline = headline, Totals = totals, Alerts = alerts, Regions = kept };
    }
}
