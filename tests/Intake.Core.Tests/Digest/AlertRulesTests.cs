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

        Assert.Equal(["severity-5", "intent-to-destroy", "threat-to-humanitarian-operations", "regional-spike"], embedded.Rules.Select(r => r.Id));
        Assert.Equal(repository.Rules.Select(r => r.Id), embedded.Rules.Select(r => r.Id));
        Assert.Equal((3.0, 5), (embedded.Rules[3].Factor, embedded.Rules[3].MinIncidents));
    }

    [Theory]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"risk-factor","title":"t","riskFactors":["RF15"]}]}""", "'x' names unknown risk factor RF15")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"weather","title":"t"}]}""", "'x' has unknown kind 'weather'")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"spike","title":"t","factor":0,"minIncidents":5}]}""", "'x' needs factor > 0")]
    [InlineData("""{"version":1,"rules":[{"id":"x","kind":"severity","title":"t","minSeverity":5},{"id":"x","kind":"severity","title":"t","minSeverity":4}]}""", "unique ('x')")]
    public void Load_BadRule_IsRejectedNamingTheRule(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AnalystsOwnRules_AreTheOnesApplied()
    {
        var rules = Parse("""{"version":7,"rules":[{"id":"severe","kind":"severity","title":"Severe","minSeverity":4},{"id":"doubling","kind":"spike","title":"Doubled","factor":2,"minIncidents":2}]}""");
        var compiler = new DigestCompiler(HandBuiltDay.Taxonomy, rules);
        var day = new HandBuiltDay().Add(1, severity: 4).Add(1).Add(1, daysAgo: 1);

        var digest = compiler.Compile(HandBuiltDay.Day, day.Cells(), new PipelineHealth(0, 0, 0, 0));

        Assert.Equal(["severe", "doubling"], digest.Alerts.Select(a => a.Rule));
        Assert.Equal(7, digest.AlertRulesVersion);
    }
}
