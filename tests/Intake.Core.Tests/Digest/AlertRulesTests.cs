using System.Text;
using System.Text.Json;
using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Testing;

namespace Intake.Core.Tests.Digest;

public sealed class AlertRulesTests
{
    private static AlertRules Parse(string json) =>
        AlertRules.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), HandBuiltDay.Taxonomy);

    [Fact]
    public void LoadEmbedded_IsTheRepositoryFileWithTheDefaultRules()
    {
        using var file = File.OpenRead(RepositoryLayout.PathOf("digest", "alert-rules.json"));

        var embedded = AlertRules.LoadEmbedded(HandBuiltDay.Taxonomy);
        var repository = AlertRules.Load(file, HandBuiltDay.Taxonomy);

        Assert.Equal(["severity-5", "intent-to-destroy", "threat-to-humanitarian-operations", "area-spike", "area-killed", "area-escalation", "country-spike"], embedded.Rules.Select(r => r.Id));
        Assert.Equal((repository.Version, repository.NewAfterDays, repository.Rules.Count), (embedded.Version, embedded.NewAfterDays, embedded.Rules.Count));
        Assert.Equal((5, 10), (embedded.Rules[0].MinSeverity, embedded.Rules[0].MinKilled));
    }

    [Theory]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"risk-factor","title":"t","riskFactors":["RF15"]}]}""", "'x' names unknown risk factor RF15")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"weather","title":"t"}]}""", "'x' has unknown kind 'weather'")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","signals":["incidents"],"minCount":5,"maxProbability":0}]}""", "'x' needs maxProbability between 0 and 1")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","signals":["rainfall"],"minCount":5,"maxProbability":0.01}]}""", "'x' names unknown signal 'rainfall'")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","factor":3,"minIncidents":5}]}""", "at $.rules[0].factor")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","signals":["incidents"],"minCount":5,"maxProbability":0.01,"minSeverity":4}]}""", "'x' has field 'minSeverity', which kind 'spike' does not take")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"escalation","title":"t","signals":["RF9"],"level":"province"}]}""", "'x' has unknown level 'province'")]
    [InlineData("""{"version":1,"thresholds":{},"rules":[]}""", "at $.thresholds")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","level":"country","signals":["incidents"],"minCount":5,"maxProbability":0.01,"flash":true}]}""", "'x' has flash true, but only area-level rules flash")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","signals":["incidents"],"minCount":5,"maxProbability":0.01,"flash":"yes"}]}""", "at $.rules[0].flash")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"severity","title":"t","minSeverity":5},{"id":"x","kind":"severity","title":"t","minSeverity":4}]}""", "unique ('x')")]
    public void Load_BadRule_IsRejectedNamingTheRuleAndField(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AnalystsOwnRules_AreTheOnesApplied()
    {
        var rules = Parse("""{"version":7,"rules":[{"id":"severe","kind":"severity","title":"Severe","minSeverity":4},{"id":"two","kind":"spike","title":"Two","signals":["incidents"],"minCount":2,"maxProbability":0.5}]}""");
        var compiler = new DigestCompiler(HandBuiltDay.Taxonomy, rules);
        var day = new HandBuiltDay().Add(1, severity: 4).Add(1);

        var digest = compiler.Compile(HandBuiltDay.Day, day.Cells(), new PipelineHealth(0, 0, 0, 0));

        Assert.Equal(["severe", "two"], digest.Alerts.Select(a => a.Rule));
        Assert.All(digest.Alerts, a => Assert.Equal(("SD", "North Darfur", AlertStatuses.New), (a.Region, a.Area, a.Status)));
        Assert.Equal(7, digest.AlertRulesVersion);
    }
}
