using Intake.Core.Digest;
using Intake.Core.Digest.Rendering;

namespace Intake.Core.Tests.Digest;

public sealed class DigestRenderingTests
{
    private static readonly SituationDigest Day = new HandBuiltDay()
        .Add(1, admin1: "<img src=x onerror=alert(1)> *Area* | [x](y)", severity: 5)
        .Compile(new PipelineHealth(1, 1, 0, 0));

    [Fact]
    public void Html_PlaceNamesFromReports_AreEncoded()
    {
        var html = DigestHtml.Render(Day, null, region => $"cid:chart-{region}");

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("src=\"cid:chart-SD\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_PlaceNamesFromReports_AreEscaped()
    {
        var markdown = DigestMarkdown.Render(Day, new DigestCompileRecord(HandBuiltDay.Day, DateTimeOffset.UnixEpoch, "", 3));

        Assert.Contains(@"\<img src=x onerror=alert(1)\> \*Area\* \| \[x\](y)", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1 | 0 | 0 | 0 | 0 | 3 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_Trend_IsASmallPngWithItsNumbersInTheAltText()
    {
        var trend = Day.Regions.Single().Occurred;

        var png = DigestChart.Render(trend);
        var alt = DigestChart.AltText("SD", trend);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.InRange(png.Length, 100, 20_000);
        Assert.EndsWith("0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1; the last bar is the digest day.", alt, StringComparison.Ordinal);
    }
}
