using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Rendering;

namespace Intake.Core.Tests.Digest.Alerts;

public sealed class AlertRenderingTests
{
    private static SituationDigest DayAfterTheOutbreak(out EscalationScenario scenario)
    {
        scenario = new EscalationScenario(HandBuiltDay.Taxonomy, 11);
        return HandBuiltDay.Compiler.Compile(scenario.Outbreak.AddDays(1), scenario.Cells(), new PipelineHealth(0, 0, 0, 0));
    }

    [Fact]
    public void Markdown_NewAndOngoingAlerts_ExplainNewOnesAndGiveOngoingOnesOneLine()
    {
        var digest = DayAfterTheOutbreak(out var scenario);
        var ongoing = digest.Alerts.First(a => a.Status == AlertStatuses.Ongoing && a.Area == "Ituri");

        var md = DigestMarkdown.Render(digest, null);

        Assert.Contains($"- **Ituri, CD** `{ongoing.Rule}` ongoing 2 days (since {scenario.Outbreak:yyyy-MM-dd})", md, StringComparison.Ordinal);
        foreach (var alert in digest.Alerts.Where(a => a.Status == AlertStatuses.New))
        {
            Assert.Contains($"`{alert.Rule}`", md, StringComparison.Ordinal);
            Assert.Contains(alert.Evidence!.ReportIds[0].ToString("D"), md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Html_Alerts_HaveA28DaySparklineAndEveryNumberInText()
    {
        var digest = DayAfterTheOutbreak(out _);
        var alert = digest.Alerts.First(a => a.Area == "Ituri");

        var html = DigestHtml.Render(digest, null, _ => "cid:x");

        Assert.Equal(digest.Alerts.Count, html.Split("<svg ").Length - 1);
        Assert.Contains("aria-label=\"Ituri, CD: ", html, StringComparison.Ordinal);
        Assert.Equal(AlertEvidence.SparkDays, alert.Evidence!.Last28Days.Count);
        Assert.Contains("ongoing 2 days", html, StringComparison.Ordinal);
    }
}
