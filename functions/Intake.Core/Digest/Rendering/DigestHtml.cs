using System.Net;
using static Intake.Core.Digest.Rendering.DigestText;

namespace Intake.Core.Digest.Rendering;

/// <summary>
/// The digest as an HTML document for e-mail clients: tables and inline CSS only (mail clients
/// drop style sheets), every number also in text so it reads without images. Each region's
/// chart is an <c>img</c> whose source the caller chooses: a <c>cid:</c> in mail, a data URI on
/// the web. Everything that came from reports is HTML-encoded.
/// </summary>
internal static class DigestHtml
{
    private const string Font = "font-family:Segoe UI,Helvetica,Arial,sans-serif;";
    private const string Cell = "padding:4px 8px;border-bottom:1px solid #e3e6ea;text-align:left;";
    private const string NumberCell = "padding:4px 8px;border-bottom:1px solid #e3e6ea;text-align:right;";
    private const string Head = "padding:4px 8px;border-bottom:2px solid #c9ced6;text-align:left;font-weight:600;background:#f0f2f5;";

    /// <summary>Renders a digest; <paramref name="chartSource"/> gives the image source of a region's chart.</summary>
    public static string Render(SituationDigest digest, DigestCompileRecord? record, Func<string, string> chartSource)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(chartSource);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        h.Append("<title>Situation digest ").Append(Day(digest.Day)).Append("</title></head>");
        h.Append("<body style=\"margin:0;padding:0;background:#eef0f3;\">");
        h.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#eef0f3;\"><tr><td align=\"center\" style=\"padding:16px;\">");
        h.Append("<table role=\"presentation\" width=\"680\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:680px;width:100%;background:#ffffff;border-radius:6px;").Append(Font).Append("color:#1d2733;font-size:14px;line-height:1.45;\">");
        h.Append("<tr><td style=\"padding:20px 24px 8px 24px;\">");
        h.Append("<h1 style=\"margin:0 0 4px 0;font-size:22px;\">Situation digest, ").Append(Day(digest.Day)).Append(" (UTC)</h1>");
        var banner = digest.Quiet ? "#2e7d32" : digest.Alerts.Count > 0 ? "#c0392b" : "#1d2733";
        h.Append("<p style=\"margin:0;font-size:16px;font-weight:600;color:").Append(banner).Append(";\">").Append(E(digest.Headline)).Append("</p></td></tr>");

        Section(h, "Alerts");
        if (digest.Alerts.Count == 0)
        {
            h.Append("<p style=\"margin:0;\">No alert rule fired.</p>");
        }
        else
        {
            h.Append("<ul style=\"margin:0;padding-left:20px;\">");
            foreach (var alert in digest.Alerts)
            {
                var ongoing = alert.Status == Alerts.AlertStatuses.Ongoing;
                h.Append("<li style=\"margin:0 0 8px 0;\">");
                if (alert.Evidence is { } spark)
                {
                    // Every number of the sparkline is also in the text below it, for clients that drop SVG.
                    h.Append(AlertText.SparklineSvg(spark.Last28Days, $"{alert.Place}: {spark.Signal}, last 28 days")).Append(' ');
                }

                h.Append("<strong style=\"color:").Append(ongoing ? "#5f6b7a" : "#c0392b").Append(";\">").Append(ongoing ? "ongoing " : "NEW ").Append(E(alert.Place)).Append("</strong> <code style=\"background:#f6e3e1;padding:0 4px;border-radius:3px;\">")
                    .Append(E(alert.Rule)).Append("</code> ");
                if (ongoing)
                {
                    h.Append(E(AlertText.Ongoing(alert)));
                }
                else
                {
                    h.Append(E(alert.Message));
                    if (alert.Evidence is { } e)
                    {
                        h.Append("<br><span style=\"color:#5f6b7a;font-size:12px;\">Test: ").Append(E(AlertText.Test(e))).Append("<br>Sources: ").Append(E(AlertText.Sources(e)))
                            .Append("<br>Last 28 days: ").Append(E(string.Join(" ", e.Last28Days))).Append("</span>");
                    }
                }

                h.Append("</li>");
            }

            h.Append("</ul>");
        }

        EndSection(h);
        Section(h, "Pipeline health (all regions)");
        var p = digest.Pipeline;
        Table(h, ["Received", "Processed", "Failed", "Waiting", "Needs review", "Encrypted (not readable here)", "In poison queue (at compile)"], [[$"{p.Received}", $"{p.Processed}", $"{p.Failed}", $"{p.Waiting}", $"{p.NeedsReview}", $"{p.Encrypted}", Poison(record)]], numeric: true);
        EndSection(h);
        if (digest.Quiet)
        {
            Section(h, "Regions");
            h.Append("<p style=\"margin:0;\">A quiet day: nothing to report.</p>");
            EndSection(h);
        }

        foreach (var region in digest.Regions)
        {
            RenderRegion(h, region, chartSource(region.Region));
        }

        h.Append("<tr><td style=\"padding:12px 24px 20px 24px;color:#5f6b7a;font-size:12px;\">Alert rules v").Append(digest.AlertRulesVersion)
            .Append(", taxonomy v").Append(digest.TaxonomyVersion).Append(". No narrative, reporter identity or contact is included in digests.</td></tr>");
        h.Append("</table></td></tr></table></body></html>");
        return h.ToString();
    }

    private static void RenderRegion(StringBuilder h, RegionDigest region, string chartSrc)
    {
        var r = region.Received;
        var o = region.Occurred;
        Section(h, $"Region {region.Region}");
        h.Append("<p style=\"margin:0 0 6px 0;\"><strong>New (received on the day):</strong> ").Append(E(Count(r.Reports, "report", "reports")))
            .Append(", ").Append(r.Killed).Append(" killed, ").Append(r.Injured).Append(" injured.</p>");
        h.Append("<p style=\"margin:0 0 6px 0;\">By category: ").Append(E(Map(r.ByCategory))).Append("<br>By admin1: ").Append(E(Map(r.ByAdmin1)))
            .Append("<br>Risk factors: ").Append(E(r.RiskFactors.Count == 0 ? "none" : string.Join("; ", r.RiskFactors.Select(f => $"{f.Code} {f.Title}: {f.Reports}")))).Append("</p>");
        h.Append("<p style=\"margin:8px 0 6px 0;\"><strong>Happening (by occurrence date):</strong> ").Append(E(Count(o.Incidents, "incident", "incidents")))
            .Append(" on the day; trailing 7-day mean ").Append(Number(o.TrailingMean)).Append(" (").Append(E(Change(o.ChangePercent))).Append(").</p>");
        h.Append("<img src=\"").Append(E(chartSrc)).Append("\" width=\"").Append(DigestChart.Width).Append("\" height=\"").Append(DigestChart.Height)
            .Append("\" alt=\"").Append(E(DigestChart.AltText(region.Region, o))).Append("\" style=\"display:block;border:0;margin:4px 0;max-width:100%;height:auto;\">");
        h.Append("<p style=\"margin:0 0 8px 0;color:#5f6b7a;font-size:12px;\">Last 14 days, ").Append(Day(o.Last14Days[0].Day)).Append(" to ").Append(Day(o.Last14Days[^1].Day))
            .Append(": ").Append(string.Join(" ", o.Last14Days.Select(d => d.Incidents))).Append("</p>");
        if (o.ByCategory.Count > 0)
        {
            Table(h, ["Category", "On the day", "7-day mean", "Change"], o.ByCategory.Select(c => new[] { c.Category, $"{c.Incidents}", Number(c.TrailingMean), Change(c.ChangePercent) }).ToList(), numeric: false);
        }

        h.Append("<p style=\"margin:8px 0 0 0;\">New areas (none in the 30 days before): <strong>").Append(E(o.NewAreas.Count == 0 ? "none" : string.Join(", ", o.NewAreas))).Append("</strong><br>");
        var late = region.LateArrivals;
        h.Append("Late arrivals: ").Append(E(late.Reports == 0 ? "none" : $"{Count(late.Reports, "report", "reports")} about earlier days ({string.Join(", ", late.EarlierDays.Select(d => $"{Day(d.Day)}: {d.Incidents}"))})")).Append("</p>");
        if (region.Notable.Count > 0)
        {
            h.Append("<p style=\"margin:10px 0 4px 0;font-weight:600;\">Notable incidents</p>");
            Table(h, ["Category", "Place", "Occurred", "Severity", "Killed", "Injured", "Source"],
                region.Notable.Select(n => new[] { n.Category, Place(n), When(n), $"{n.Severity}", $"{n.Killed}", $"{n.Injured}", n.SourceType }).ToList(), numeric: false);
        }

        EndSection(h);
    }

    private static void Section(StringBuilder h, string title) =>
        h.Append("<tr><td style=\"padding:12px 24px;border-top:1px solid #e3e6ea;\"><h2 style=\"margin:0 0 8px 0;font-size:17px;\">").Append(E(title)).Append("</h2>");

    private static void EndSection(StringBuilder h) => h.Append("</td></tr>");

    private static void Table(StringBuilder h, string[] headers, List<string[]> rows, bool numeric)
    {
        h.Append("<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;width:100%;font-size:13px;\"><tr>");
        for (var i = 0; i < headers.Length; i++)
        {
            // A column of numbers is right-aligned, its header too.
            var right = rows.Count > 0 && (numeric || IsNumber(rows[0][i]));
            h.Append("<th style=\"").Append(Head).Append(right ? "text-align:right;" : "").Append("\">").Append(E(headers[i])).Append("</th>");
        }

        h.Append("</tr>");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            foreach (var value in row)
            {
                h.Append("<td style=\"").Append(numeric || IsNumber(value) ? NumberCell : Cell).Append("\">").Append(E(value)).Append("</td>");
            }

            h.Append("</tr>");
        }

        h.Append("</table>");
    }

    private static bool IsNumber(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
