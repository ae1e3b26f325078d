using Intake.Core.Digest.Alerts;

namespace Intake.Core.Digest.Rendering;

/// <summary>The explanation of an alert in words, shared by the Markdown (and e-mail text) and HTML renderers.</summary>
internal static class AlertText
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>The one line an ongoing alert gets.</summary>
    public static string Ongoing(DigestAlert a)
    {
        var e = a.Evidence;
        var numbers = e is null ? "" : Invariant($": {e.Observed:0.##} {Signal(e)} against {e.Expected:0.##} expected{Probability(e)}; {e.Reports} report(s), {e.Sources} source(s)");
        return Invariant($"ongoing {a.Days} days (since {a.Since:yyyy-MM-dd}){numbers}");
    }

    /// <summary>Test, window and baseline in one line.</summary>
    public static string Test(AlertEvidence e)
    {
        var statistic = e.Statistic is null ? "" : Invariant($"statistic {e.Statistic:0.##} crossed {e.Threshold:0.##}; ");
        var threshold = e.Statistic is null && e.Threshold is not null ? Invariant($" (fires at {Format(e.Threshold)} or less)") : "";
        var baseline = e.BaselineFrom is null ? "no baseline" : Invariant($"baseline {e.BaselineFrom:yyyy-MM-dd} to {e.BaselineTo:yyyy-MM-dd}");
        var probability = e.Probability is null ? "" : Invariant($"P = {Format(e.Probability)}{threshold}; ");
        return Invariant($"{e.Test} on {e.Signal}: {statistic}{probability}observed {e.Observed:0.##}, expected {e.Expected:0.##}, window {e.WindowFrom:yyyy-MM-dd} to {e.WindowTo:yyyy-MM-dd}, {baseline}");
    }

    /// <summary>Sources and report ids.</summary>
    public static string Sources(AlertEvidence e) =>
        Invariant($"{e.Sources} source(s) ({string.Join(", ", e.SourceTypes)}); {e.Reports} report(s): {string.Join(", ", e.ReportIds.Select(id => id.ToString("D")))}{(e.Reports > e.ReportIds.Count ? ", ..." : "")}");

    /// <summary>The 28 days as a line of block characters, for text.</summary>
    public static string Sparkline(IReadOnlyList<int> days)
    {
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max());
        var line = new StringBuilder(days.Count);
        foreach (var d in days)
        {
            line.Append(d <= 0 ? '·' : Bars[Math.Min(Bars.Length - 1, (int)Math.Ceiling(d * (double)Bars.Length / max) - 1)]);
        }

        return line.ToString();
    }

    /// <summary>The 28 days as a small inline SVG bar chart, the digest day in red.</summary>
    public static string SparklineSvg(IReadOnlyList<int> days, string label)
    {
        const int bar = 5, height = 24;
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max());
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{days.Count * bar}\" height=\"{height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" style=\"vertical-align:middle;background:#f6f7f9;\">"));
        for (var i = 0; i < days.Count; i++)
        {
            var h = days[i] <= 0 ? 1 : Math.Max(2, (int)Math.Round(days[i] * (height - 2) / (double)max));
            var colour = i == days.Count - 1 ? "#c0392b" : "#5f7fa6";
            svg.Append(Invariant($"<rect x=\"{(i * bar) + 1}\" y=\"{height - h}\" width=\"{bar - 1}\" height=\"{h}\" fill=\"{colour}\"/>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Signal(AlertEvidence e) => e.Signal switch
    {
        AlertSignals.Incidents or AlertSignals.Killed or "severity" => e.Signal,
        _ => e.Signal + " incidents",
    };

    private static string Probability(AlertEvidence e) => e.Probability is null ? "" : Invariant($" (P = {Format(e.Probability)})");

    private static string Format(double? p) => p switch
    {
        null => "",
        < 0.001 => p.Value.ToString("0.0e0", CultureInfo.InvariantCulture),
        _ => p.Value.ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
