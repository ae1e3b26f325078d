using System.Text;
using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Rendering;

namespace Intake.Core.Tests.Digest;

public sealed class DigestCompilerTests
{
    private static string[] Fired(SituationDigest digest, string rule) =>
        digest.Alerts.Where(a => a.Rule == rule).Select(a => a.Region).ToArray();

    [Fact]
    public void Compile_QuietDay_IsAValidDigestThatSaysItWasQuiet()
    {
        var digest = new HandBuiltDay().Add(3, daysAgo: 5).Compile();

        Assert.True(digest.Quiet);
        Assert.StartsWith("A quiet day", digest.Headline, StringComparison.Ordinal);
        Assert.Empty(digest.Alerts);
        Assert.Empty(digest.Regions);
        Assert.Equal(0, digest.Totals.Reports);
        Assert.Contains("quiet day", DigestMarkdown.Render(digest, null), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Compile_NewArea_ListsAreasSilentForThirtyDays()
    {
        var digest = new HandBuiltDay()
            .Add(1, admin1: "West Darfur")
            .Add(1, admin1: "North Darfur")
            .Add(1, daysAgo: 30, admin1: "North Darfur")
            .Add(1, admin1: "Blue Nile")
            .Add(1, daysAgo: 31, admin1: "Blue Nile")
            .Compile();

        Assert.Equal(["Blue Nile", "West Darfur"], digest.Regions.Single().Occurred.NewAreas);
    }

    [Fact]
    public void Compile_LateArrivals_CountOnTheirOccurrenceDayAndAreNamed()
    {
        var digest = new HandBuiltDay()
            .Add(2, daysAgo: 3, receivedDaysAgo: 0)
            .Add(1, daysAgo: 0)
            .Compile();

        var region = digest.Regions.Single();
        Assert.Equal(3, region.Received.Reports);
        Assert.Equal(1, region.Occurred.Incidents);
        Assert.Equal(2, region.Occurred.Last14Days.Single(d => d.Day == HandBuiltDay.Day.AddDays(-3)).Incidents);
        Assert.Equal(2, region.LateArrivals.Reports);
        Assert.Equal([new DayCount(HandBuiltDay.Day.AddDays(-3), 2)], region.LateArrivals.EarlierDays);
    }

    [Fact]
    public void Compile_ReportsReceivedAfterTheDay_DoNotChangeIt()
    {
        var before = new HandBuiltDay().Add(2).Compile();
        var cells = new HandBuiltDay().Add(2).Cells();
        cells.AddRange(new HandBuiltDay().Add(4, daysAgo: 0, receivedDaysAgo: -1).Cells());

        var after = HandBuiltDay.Compiler.Compile(HandBuiltDay.Day, cells, new PipelineHealth(0, 0, 0, 0));

        Assert.Equal(before.Regions.Single().Occurred.Incidents, after.Regions.Single().Occurred.Incidents);
    }

    [Fact]
    public void Compile_MassCasualtyReport_FiresAtOnceNamingTheArea()
    {
        var digest = new HandBuiltDay()
            .Add(1, country: "SD", admin1: "West Darfur", severity: 5, killed: 12)
            .Add(1, country: "SS", admin1: "Jonglei", severity: 5, killed: 3)
            .Compile();

        var alert = digest.Alerts.Single(a => a.Rule == "severity-5");
        Assert.DoesNotContain(digest.Alerts, a => a.Region == "SS");
        Assert.Equal(("severity-5", "SD", "West Darfur", AlertStatuses.New, 1), (alert.Rule, alert.Region, alert.Area, alert.Status, alert.Days));
        Assert.Equal(12, alert.Numbers["killed"]);
        Assert.Contains("received in West Darfur, SD", alert.Message, StringComparison.Ordinal);
        Assert.Single(alert.Evidence!.ReportIds);
    }

    [Fact]
    public void Compile_SingleReportsOfEveryRiskFactor_RaiseNoAlert()
    {
        var day = new HandBuiltDay();
        foreach (var category in HandBuiltDay.Taxonomy.Categories)
        {
            day.Add(1, category: category.Code, admin1: "Blue Nile", severity: 4, killed: category.Code == "killing" ? 2 : 0);
        }

        var digest = day.Compile();

        Assert.Empty(digest.Alerts);
    }

    [Fact]
    public void Compile_IncitementFarAboveTheAreaBaselineFromTwoSources_FiresNamingReportsAndSources()
    {
        var day = new HandBuiltDay().Add(6, category: "hate-speech-incitement", admin1: "Gezira", sources: 2);
        for (var d = 8; d <= 35; d += 7)
        {
            day.Add(1, daysAgo: d, category: "hate-speech-incitement", admin1: "Gezira");
        }

        var alert = day.Compile().Alerts.Single(a => a.Rule == "intent-to-destroy");

        Assert.Equal(("SD", "Gezira"), (alert.Region, alert.Area));
        Assert.Equal((6.0, 2, 6), (alert.Evidence!.Observed, alert.Evidence.Sources, alert.Evidence.ReportIds.Count));
        Assert.Equal("negative-binomial-tail", alert.Evidence.Test);
        Assert.True(alert.Evidence.Probability < 0.00001);
    }

    [Fact]
    public void Compile_SameIncitementFromOneSource_DoesNotFire()
    {
        var digest = new HandBuiltDay().Add(6, category: "hate-speech-incitement", admin1: "Gezira", sources: 1).Compile();

        Assert.DoesNotContain(digest.Alerts, a => a.Rule == "intent-to-destroy");
    }

    [Fact]
    public void Compile_OutbreakHeldOnTheNextDay_IsOngoingForTwoDays()
    {
        var digest = new HandBuiltDay()
            .Add(12, category: "attack-on-civilians", admin1: "Ituri", country: "CD")
            .Add(14, daysAgo: 1, category: "attack-on-civilians", admin1: "Ituri", country: "CD")
            .Compile();

        var alert = digest.Alerts.Single(a => a.Rule == "area-spike");
        Assert.Equal((AlertStatuses.Ongoing, 2, HandBuiltDay.Day.AddDays(-1)), (alert.Status, alert.Days, alert.Since));
        Assert.Contains("ongoing", digest.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_LateArrivalsAboutEarlierDays_CreateNoSpikeOnTheDayTheyArrive()
    {
        var digest = new HandBuiltDay()
            .Add(1, admin1: "Ituri", country: "CD", category: "attack-on-civilians")
            .Add(20, daysAgo: 4, receivedDaysAgo: 0, admin1: "Ituri", country: "CD", category: "attack-on-civilians")
            .Compile();

        Assert.DoesNotContain(digest.Alerts, a => a.Kind == AlertKinds.Spike);
        Assert.Equal(20, digest.Regions.Single().LateArrivals.Reports);
    }

    [Fact]
    public void Compile_PerRegionAndCategory_ComparesWithTheTrailingMean()
    {
        var digest = new HandBuiltDay()
            .Add(4, category: "killing")
            .Add(7, daysAgo: 2, category: "killing")
            .Add(1, category: "abduction-disappearance")
            .Add(2, country: "SS")
            .Compile();

        var sd = digest.Regions.Single(r => r.Region == "SD");
        var killing = sd.Occurred.ByCategory.Single(c => c.Category == "killing");
        Assert.Equal((4, 1.0, 300.0), (killing.Incidents, killing.TrailingMean, killing.ChangePercent));
        Assert.Null(sd.Occurred.ByCategory.Single(c => c.Category == "abduction-disappearance").ChangePercent);
        Assert.Equal(["SD", "SS"], digest.Regions.Select(r => r.Region));
        Assert.Equal(7, digest.Totals.Reports);
        Assert.Equal((5, 2), (digest.Totals.ByAdmin1["SD/North Darfur"], digest.Totals.ByAdmin1["SS/North Darfur"]));
        Assert.Contains(sd.Received.RiskFactors, f => f.Code == "RF11" && f.Reports == 5);
    }

    [Fact]
    public void Compile_SameCellsInAnyOrder_GiveByteIdenticalJson()
    {
        var day = new HandBuiltDay().Add(5, severity: 5, killed: 2).Add(3, daysAgo: 2, receivedDaysAgo: 0, country: "SS").Add(9, daysAgo: 4);
        var cells = day.Cells();

        var first = DigestJson.Serialize(HandBuiltDay.Compiler.Compile(HandBuiltDay.Day, cells, new PipelineHealth(9, 8, 1, 0)));
        cells.Reverse();
        var second = DigestJson.Serialize(HandBuiltDay.Compiler.Compile(HandBuiltDay.Day, cells, new PipelineHealth(9, 8, 1, 0)));

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(DigestJson.Serialize(DigestJson.Deserialize(first)), first);
    }

    [Fact]
    public void Compile_NotableIncidents_MostSevereFirstWithoutPersonalFields()
    {
        var digest = new HandBuiltDay().Add(1, severity: 3, killed: 1).Add(1, severity: 5).Add(1, severity: 2).Compile();

        var notable = digest.Regions.Single().Notable;
        Assert.Equal([5, 3], notable.Select(n => n.Severity));
        var json = Encoding.UTF8.GetString(DigestJson.Serialize(digest));
        Assert.DoesNotContain("narrative", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("reporter", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("contact", json, StringComparison.OrdinalIgnoreCase);
    }
}
