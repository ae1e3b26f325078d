using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Tally;
using Intake.Core.Places;
using Intake.Core.Taxonomy;

namespace Intake.Core.Digest;

/// <summary>
/// Compiles a day's digest from tally cells. Pure: no storage, no clock, so the rules are unit
/// tested over hand-built days and the same cells always give the same digest. Two clocks:
/// what is new counts reports received on the day; trends, new areas and the chart count
/// incidents on the day they occurred, from cells received up to the end of the day. Alerts come
/// from <see cref="AlertEngine"/>: per area and country, against baselines, new or ongoing.
/// </summary>
public sealed class DigestCompiler(CategoryTaxonomy taxonomy, AlertRules rules, Gazetteer? gazetteer = null)
{
    private readonly AlertEngine _alerts = new(taxonomy, rules);

    /// <summary>Days before the digest day whose trend the mean covers.</summary>
    public const int TrendDays = 7;

    /// <summary>Days before the digest day in which an area must have been silent to be new.</summary>
    public const int NewAreaDays = 30;

    /// <summary>Days the chart covers, the digest day included.</summary>
    public const int ChartDays = 14;

    /// <summary>Notable incidents per region.</summary>
    public const int NotablePerRegion = 5;

    /// <summary>The first day of receipt whose cells a digest of <paramref name="day"/> needs: the alerts' baselines and the days that say new or ongoing.</summary>
    /// <remarks>A report cannot arrive before it occurred (beyond a day of clock skew).</remarks>
    public DateOnly FirstReceivedDay(DateOnly day)
    {
        var regions = day.AddDays(-NewAreaDays - 1);
        var alerts = _alerts.FirstReceivedDay(day);
        return alerts < regions ? alerts : regions;
    }

    internal AlertEngine Alerts => _alerts;

    /// <summary>Compiles the digest of <paramref name="day"/>.</summary>
    /// <param name="day">The UTC day.</param>
    /// <param name="cells">Cells received from <see cref="FirstReceivedDay"/> to <paramref name="day"/>; others are ignored.</param>
    /// <param name="pipeline">The day's reports by pipeline state.</param>
    public SituationDigest Compile(DateOnly day, IEnumerable<TallyCell> cells, PipelineHealth pipeline)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(pipeline);
        var all = cells as IReadOnlyCollection<TallyCell> ?? cells.ToList();
        var first = day.AddDays(-NewAreaDays - 1);
        var byRegion = all
            .Where(c => c.ReceivedOn >= first && c.ReceivedOn <= day && c.OccurredOn <= day)
            .GroupBy(c => c.Country, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);

        var regions = new List<RegionDigest>();
        var total = new DayTally();
        foreach (var group in byRegion)
        {
            var received = Sum(group.Where(c => c.ReceivedOn == day));
            var occurred = group.GroupBy(c => c.OccurredOn).ToDictionary(g => g.Key, Sum);
            var today = occurred.GetValueOrDefault(day) ?? new DayTally();
            if (received.Reports <= 0 && today.Reports <= 0)
            {
                continue;
            }

            var region = new RegionDigest(group.Key, Received(received), Trend(day, occurred, today), Late(day, group), Notable(received));
            regions.Add(region);
            foreach (var (area, count) in received.Admin1)
            {
                // Totals key areas by country, as names repeat across countries.
                total.Admin1[$"{group.Key}/{area}"] = count;
            }

            received.Admin1.Clear();
            total.Merge(received);
        }

        var orderedAlerts = _alerts.Evaluate(all, day, day).Single().Alerts
            .Select(a => a.Area is { } area && AreaName(area) is { } name ? a with { AreaName = name } : a)
            .ToList();
        var quiet = total.Reports == 0 && regions.Count == 0 && orderedAlerts.Count == 0;
        return new SituationDigest(
            SituationDigest.CurrentSchema,
            day,
            quiet,
            Headline(day, quiet, total.Reports, regions.Count, orderedAlerts, pipeline),
            Received(total),
            pipeline,
            orderedAlerts,
            regions,
            rules.Version,
            taxonomy.Version);
    }

    private static DayTally Sum(IEnumerable<TallyCell> cells)
    {
        var sum = new DayTally();
        foreach (var cell in cells)
        {
            sum.Merge(cell.Counts);
        }

        return sum;
    }

    private ReceivedCounts Received(DayTally t) =>
        new(
            t.Reports,
            t.Killed,
            t.Injured,
            new SortedDictionary<string, int>(t.Categories, StringComparer.Ordinal),
            new SortedDictionary<string, int>(t.Admin1, StringComparer.Ordinal),
            taxonomy.RiskFactors
                .Where(rf => t.RiskFactors.GetValueOrDefault(rf.Code) > 0)
                .Select(rf => new RiskFactorCount(rf.Code, rf.Title, t.RiskFactors[rf.Code]))
                .ToList());

    private static OccurrenceTrend Trend(DateOnly day, Dictionary<DateOnly, DayTally> occurred, DayTally today)
    {
        var trailing = Enumerable.Range(1, TrendDays).Select(i => occurred.GetValueOrDefault(day.AddDays(-i))).OfType<DayTally>().ToList();
        var mean = Mean(trailing.Sum(t => t.Reports));
        var categories = today.Categories.Keys
            .Concat(trailing.SelectMany(t => t.Categories.Keys))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(c =>
            {
                var m = Mean(trailing.Sum(t => t.Categories.GetValueOrDefault(c)));
                var n = today.Categories.GetValueOrDefault(c);
                return new CategoryTrend(c, n, m, Change(n, m));
            })
            .ToList();
        var earlier = Enumerable.Range(1, NewAreaDays).Select(i => occurred.GetValueOrDefault(day.AddDays(-i))).OfType<DayTally>().ToList();
        var newAreas = today.Admin1
            .Where(a => a.Value > 0 && a.Key != TalliedReport.Unknown && a.Key != DayTally.OtherAreas && earlier.All(t => t.Admin1.GetValueOrDefault(a.Key) <= 0))
            .Select(a => a.Key)
            .ToList();
        var chart = Enumerable.Range(0, ChartDays)
            .Select(i => day.AddDays(i - ChartDays + 1))
            .Select(d => new DayCount(d, occurred.GetValueOrDefault(d)?.Reports ?? 0))
            .ToList();
        return new OccurrenceTrend(today.Reports, trailing.Sum(t => t.Reports), mean, Change(today.Reports, mean), categories, newAreas, chart);
    }

    private static LateArrivals Late(DateOnly day, IEnumerable<TallyCell> region)
    {
        var days = region
            .Where(c => c.ReceivedOn == day && c.OccurredOn < day)
            .GroupBy(c => c.OccurredOn)
            .Select(g => new DayCount(g.Key, g.Sum(c => c.Counts.Reports)))
            .Where(d => d.Incidents > 0)
            .OrderBy(d => d.Day)
            .ToList();
        return new LateArrivals(days.Sum(d => d.Incidents), days);
    }

    private List<NotableIncident> Notable(DayTally received) =>
        received.Notable
            .Take(NotablePerRegion)
            .Select(n => new NotableIncident(n.ReportId, n.Category, n.Country, n.Admin1, n.OccurredOn, n.OccurredAtPrecision, n.Severity, n.Killed, n.Injured, n.SourceType)
            {
                Admin1Name = AreaName(n.Admin1),
                SharedWithPartners = n.SharedWithPartners,
            })
            .ToList();

    /// <summary>The English name of an ISO 3166-2 area code; null for names kept as reported.</summary>
    private string? AreaName(string area) => area.Contains('-', StringComparison.Ordinal) ? gazetteer?.NameOf(area) : null;

    /// <summary>The alerts in a few words: <c>2 new alert(s), 1 ongoing</c>.</summary>
    internal static string AlertSummary(IReadOnlyCollection<DigestAlert> alerts)
    {
        var ongoing = alerts.Count(a => a.Status == AlertStatuses.Ongoing);
        var fresh = alerts.Count - ongoing;
        return ongoing == 0 ? Invariant($"{fresh} new alert(s)") : Invariant($"{fresh} new alert(s), {ongoing} ongoing");
    }

    private static string Headline(DateOnly day, bool quiet, int received, int regions, IReadOnlyCollection<DigestAlert> alerts, PipelineHealth pipeline)
    {
        // Reports the digest cannot count still deserve a line at the top, quiet day or not.
        var failed = pipeline.Failed > 0 ? Invariant($"; {pipeline.Failed} failed processing") : "";
        var review = pipeline.NeedsReview > 0 ? Invariant($"; {pipeline.NeedsReview} need review") : "";
        if (quiet)
        {
            return Invariant($"A quiet day: no reports received or incidents recorded on {day:yyyy-MM-dd}{failed}{review}.");
        }

        return Invariant($"{AlertSummary(alerts)}; {received} report(s) received on {day:yyyy-MM-dd} across {regions} region(s){failed}{review}.");
    }

    private static double Mean(int sum) => Math.Round(sum / (double)TrendDays, 2);

    private static double? Change(int count, double mean) => mean <= 0 ? null : Math.Round((count - mean) / mean * 100, 0);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
