using static Intake.Core.Digest.Rendering.DigestText;

namespace Intake.Core.Digest.Rendering;

/// <summary>
/// The digest as Markdown; also the plain-text alternative of the e-mail, as it reads well
/// unrendered. Place names come from reports and are escaped.
/// </summary>
internal static class DigestMarkdown
{
    /// <summary>Renders a digest.</summary>
    public static string Render(SituationDigest digest, DigestCompileRecord? record)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var md = new StringBuilder();
        Line(md, $"# Situation digest, {Day(digest.Day)} (UTC)");
        Line(md);
        Line(md, $"**{Escape(digest.Headline)}**");
        Line(md);
        Line(md, "## Alerts");
        Line(md);
        if (digest.Alerts.Count == 0)
        {
            Line(md, "No alert rule fired.");
        }

        foreach (var alert in digest.Alerts.Where(a => a.Status != Alerts.AlertStatuses.Ongoing))
        {
            Line(md, $"- **NEW** **{Escape(alert.Place)}** `{alert.Rule}`: {Escape(alert.Message)}");
            if (alert.Evidence is { } e)
            {
                Line(md, $"  - Test: {Escape(AlertText.Test(e))}");
                Line(md, $"  - Sources: {Escape(AlertText.Sources(e))}");
                Line(md, $"  - Last 28 days ({SparkSignal(e)}): `{AlertText.Sparkline(e.Last28Days)}` {string.Join(" ", e.Last28Days)}");
            }
        }

        var ongoing = digest.Alerts.Where(a => a.Status == Alerts.AlertStatuses.Ongoing).ToList();
        if (ongoing.Count > 0)
        {
            Line(md);
            Line(md, "Ongoing:");
            Line(md);
            foreach (var alert in ongoing)
            {
                Line(md, $"- **{Escape(alert.Place)}** `{alert.Rule}` {Escape(AlertText.Ongoing(alert))}");
            }
        }

        Line(md);
        Line(md, "## Pipeline health (all regions)");
        Line(md);
        Line(md, "| Received | Processed | Failed | Waiting | Needs review | Encrypted (not readable here) | In poison queue (at compile) |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|");
        var p = digest.Pipeline;
        Line(md, $"| {p.Received} | {p.Processed} | {p.Failed} | {p.Waiting} | {p.NeedsReview} | {p.Encrypted} | {Poison(record)} |");
        Line(md);
        if (digest.Quiet)
        {
            Line(md, "A quiet day: nothing to report.");
        }

        foreach (var region in digest.Regions)
        {
            RenderRegion(md, region);
        }

        Line(md, "---");
        Line(md, $"Alert rules v{digest.AlertRulesVersion}, taxonomy v{digest.TaxonomyVersion}. No narrative, reporter identity or contact is included in digests.");
        return md.ToString();
    }

    private static void RenderRegion(StringBuilder md, RegionDigest region)
    {
        var r = region.Received;
        var o = region.Occurred;
        Line(md, $"## {Escape(region.Region)}");
        Line(md);
        Line(md, $"**New (received on the day):** {Count(r.Reports, "report", "reports")}, {r.Killed} killed, {r.Injured} injured.");
        Line(md);
        Line(md, $"- By category: {Escape(Map(r.ByCategory))}");
        Line(md, $"- By admin1: {Escape(Map(r.ByAdmin1))}");
        Line(md, $"- Risk factors: {(r.RiskFactors.Count == 0 ? "none" : string.Join("; ", r.RiskFactors.Select(f => $"{f.Code} {f.Title}: {f.Reports}")))}");
        Line(md);
        Line(md, $"**Happening (by occurrence date):** {Count(o.Incidents, "incident", "incidents")} on the day; trailing 7-day mean {Number(o.TrailingMean)} ({Change(o.ChangePercent)}).");
        Line(md);
        if (o.ByCategory.Count > 0)
        {
            Line(md, "| Category | On the day | 7-day mean | Change |");
            Line(md, "|---|---:|---:|---:|");
            foreach (var c in o.ByCategory)
            {
                Line(md, $"| {c.Category} | {c.Incidents} | {Number(c.TrailingMean)} | {Change(c.ChangePercent)} |");
            }

            Line(md);
        }

        Line(md, $"- New areas (none in the 30 days before): {(o.NewAreas.Count == 0 ? "none" : Escape(string.Join(", ", o.NewAreas)))}");
        Line(md, $"- Last 14 days ({Day(o.Last14Days[0].Day)} to {Day(o.Last14Days[^1].Day)}): {string.Join(" ", o.Last14Days.Select(d => d.Incidents))}");
        var late = region.LateArrivals;
        Line(md, late.Reports == 0
            ? "- Late arrivals: none"
            : $"- Late arrivals: {Count(late.Reports, "report", "reports")} about earlier days ({string.Join(", ", late.EarlierDays.Select(d => $"{Day(d.Day)}: {d.Incidents}"))})");
        Line(md);
        if (region.Notable.Count > 0)
        {
            Line(md, "**Notable incidents**");
            Line(md);
            Line(md, "| Category | Place | Occurred | Severity | Killed | Injured | Source | Report |");
            Line(md, "|---|---|---|---:|---:|---:|---|---|");
            foreach (var n in region.Notable)
            {
                Line(md, $"| {n.Category} | {Escape(Place(n))} | {When(n)} | {n.Severity} | {n.Killed} | {n.Injured} | {n.SourceType} | {n.ReportId:D} |");
            }

            Line(md);
        }
    }

    private static string SparkSignal(Alerts.AlertEvidence e) => e.Signal == "severity" ? "incidents" : e.Signal;

    /// <summary>Escapes Markdown (and inline HTML) in text that came from reports.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!')
            {
                builder.Append('\\');
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
