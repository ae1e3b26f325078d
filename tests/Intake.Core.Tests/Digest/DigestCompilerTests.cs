using System.Text;
using Intake.Core.Digest;
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

    [Theory]
    [InlineData(2, 6, true)] // mean 2: 6 is exactly 3x
    [InlineData(2, 5, false)] // just under 3x
    [InlineData(0, 5, true)] // nothing before: 5 is the minimum
    [InlineData(0, 4, false)] // under the minimum
    [InlineData(1, 4, false)] // 4x the mean, but under the minimum of 5
    [InlineData(1, 5, true)] // 5x the mean and at the minimum
    public void Compile_SpikeRule_FiresAtThreeTimesTheTrailingMeanAndAtLeastFive(int perDayBefore, int onTheDay, bool fires)
    {
        var day = new HandBuiltDay().Add(onTheDay);
        for (var d = 1; d <= 7; d++)
        {
            day.Add(perDayBefore, daysAgo: d);
        }

        var digest = day.Compile();

        Assert.Equal(fires, Fired(digest, "regional-spike").SequenceEqual(["SD"]));
        var trend = digest.Regions.Single().Occurred;
        Assert.Equal((onTheDay, (double)perDayBefore), (trend.Incidents, trend.TrailingMean));
        if (fires)
        {
            var alert = digest.Alerts.Single(a => a.Rule == "regional-spike");
            Assert.Equal(onTheDay, alert.Numbers["incidents"]);
            Assert.Equal(perDayBefore, alert.Numbers["trailingMean"]);
            Assert.Contains($"{onTheDay} incidents occurred in SD", alert.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compile_SpikeRule_IgnoresDaysOlderThanSevenInTheMean()
    {
        var digest = new HandBuiltDay().Add(6).Add(30, daysAgo: 8).Compile();

        Assert.Equal(["SD"], Fired(digest, "regional-spike"));
        Assert.Equal(0, digest.Regions.Single().Occurred.TrailingMean);
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
    public void Compile_SeverityAndRiskFactorRules_SayWhichRuleFiredOnWhatNumbers()
    {
        var digest = new HandBuiltDay()
            .Add(2, country: "SD", severity: 5)
            .Add(1, country: "SS", category: "hate-speech-incitement")
            .Add(3, country: "CD", category: "attack-on-humanitarian-personnel")
            .Add(1, country: "ML", category: "arbitrary-detention")
            .Compile();

        Assert.Equal(["SD"], Fired(digest, "severity-5"));
        Assert.Equal(2, digest.Alerts.Single(a => a.Rule == "severity-5").Numbers["reports"]);
        Assert.Equal(["SS"], Fired(digest, "intent-to-destroy"));
        Assert.Contains("hate-speech-incitement 1", digest.Alerts.Single(a => a.Rule == "intent-to-destroy").Message, StringComparison.Ordinal);
        Assert.Equal(["CD"], Fired(digest, "threat-to-humanitarian-operations"));
        Assert.Equal(3, digest.Alerts.Single(a => a.Rule == "threat-to-humanitarian-operations").Numbers["reports"]);
        Assert.DoesNotContain(digest.Alerts, a => a.Region == "ML");
        Assert.Equal(["severity-5", "intent-to-destroy", "threat-to-humanitarian-operations"], digest.Alerts.Select(a => a.Rule));
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
