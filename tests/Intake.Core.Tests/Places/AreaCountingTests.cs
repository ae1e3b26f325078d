using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Tally;
using Intake.Core.Storage;
using Intake.Core.Taxonomy;

namespace Intake.Core.Tests.Places;

/// <summary>
/// The digest and its alerts count areas by the code the place resolved to, so one province
/// reported under four spellings (English, an abbreviation, a transliteration, Arabic) is one area.
/// </summary>
public sealed class AreaCountingTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly CategoryTaxonomy Taxonomy = CategoryTaxonomy.LoadEmbedded();
    private static readonly string[] Spellings = ["West Darfur", "W. Darfur", "Gharb Darfur", "غرب دارفور"];

    private static TalliedReport Report(DateOnly occurred, string admin1, string category, int index, int killed = 0)
    {
        var classification = new ReportClassification(category, Taxonomy.Find(category)!.RiskFactors, 4, occurred, "day", "SD", admin1, killed, 0, "eyewitness", "unknown")
        {
            // What the processor does: resolve the place (El Geneina's coordinates) against the gazetteer.
            Place = TestGazetteer.Resolver().Resolve(13.45, 22.45, "SD", admin1),
        };
        return TalliedReport.From(Guid.NewGuid(), classification, $"tok-{index % 4}");
    }

    private static List<TallyCell> Cells(IEnumerable<TalliedReport> reports) =>
        [.. reports
            .GroupBy(r => (r.OccurredOn, r.Country, r.Area))
            .Select(g =>
            {
                var counts = new DayTally();
                foreach (var r in g)
                {
                    counts.Add(r, 1);
                }

                return new TallyCell(g.Key.OccurredOn, g.Key.OccurredOn, g.Key.Country, counts, g.Key.Area);
            })];

    [Fact]
    public void From_FourSpellingsOfOneProvince_CountInOneArea()
    {
        var areas = Spellings.Select((s, i) => Report(Day, s, "killing", i).Area).Distinct().ToList();

        Assert.Equal(["SD-DW"], areas);
    }

    [Fact]
    public void Compile_KillingsReportedUnderFourSpellings_AlertOnceForTheProvinceByName()
    {
        var reports = new List<TalliedReport>();
        // A calm month: a report every fourth day, under one spelling or another.
        for (var d = 40; d >= 1; d -= 4)
        {
            reports.Add(Report(Day.AddDays(-d), Spellings[d % 4], "destruction-of-property", d));
        }

        // The day: twelve killings, three under each spelling.
        for (var i = 0; i < 12; i++)
        {
            reports.Add(Report(Day, Spellings[i % 4], "killing", i, killed: 2));
        }

        var compiler = new DigestCompiler(Taxonomy, AlertRules.LoadEmbedded(Taxonomy), TestGazetteer.Instance);

        var digest = compiler.Compile(Day, Cells(reports), new PipelineHealth(0, 0, 0, 0));

        var areaAlerts = digest.Alerts.Where(a => a.Area is not null).ToList();
        Assert.NotEmpty(areaAlerts);
        Assert.All(areaAlerts, a => Assert.Equal("SD-DW", a.Area));
        Assert.All(areaAlerts, a => Assert.Equal("West Darfur", a.AreaName));
        Assert.Contains(areaAlerts, a => a.Rule == "area-spike" && a.Status == AlertStatuses.New);
        Assert.Equal(12, digest.Regions.Single().Received.ByAdmin1["SD-DW"]);
    }

    [Fact]
    public void Build_SubscriberReadingFrench_GetsTheAreaNamedInFrench()
    {
        var reports = Enumerable.Range(0, 12).Select(i => Report(Day, Spellings[i % 4], "killing", i, killed: 2)).ToList();
        var digest = new DigestCompiler(Taxonomy, AlertRules.LoadEmbedded(Taxonomy), TestGazetteer.Instance)
            .Compile(Day, Cells(reports), new PipelineHealth(0, 0, 0, 0));
        var french = new Subscriber(Guid.NewGuid(), "analyste@example.org", ["SD"], "fr");
        var english = french with { Email = "analyst@example.org", Language = null };

        using var toFrench = DigestMessage.Build(digest, null, french, "digest@intake.test", TestGazetteer.Instance);
        using var toEnglish = DigestMessage.Build(digest, null, english, "digest@intake.test", TestGazetteer.Instance);

        Assert.Contains("Darfour-Occidental (SD-DW), SD", toFrench.TextBody, StringComparison.Ordinal);
        Assert.Contains("West Darfur (SD-DW), SD", toEnglish.TextBody, StringComparison.Ordinal);
    }
}
