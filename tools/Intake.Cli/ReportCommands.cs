using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>reports list</c>: the reports that need attention, by day of receipt.</summary>
internal static class ReportCommands
{
    public static Command List(CliContext cli)
    {
        var from = new Option<DateOnly?>("--from") { Description = "First UTC day of receipt (yyyy-MM-dd). Default: 6 days before --to." };
        var to = new Option<DateOnly?>("--to") { Description = "Last UTC day of receipt (yyyy-MM-dd). Default: today (UTC). At most 31 days in all." };
        var status = new Option<string?>("--status") { Description = "Only these statuses, comma-separated: failed, needs-review, encrypted, received. Default: all four." };
        var max = new Option<int?>("--max") { Description = "At most this many reports, newest first (1-1000; default 100)." };
        var command = new Command("list", "Reports that failed, need review, are encrypted or are still waiting, newest first, with errors and review reasons.") { from, to, status, max };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var query = new List<string>();
            if (Render.Day(parse.GetValue(from)) is { } f)
            {
                query.Add("from=" + f);
            }

            if (Render.Day(parse.GetValue(to)) is { } t)
            {
                query.Add("to=" + t);
            }

            if (parse.GetValue(status) is { } s)
            {
                query.Add("status=" + Uri.EscapeDataString(s));
            }

            if (parse.GetValue(max) is { } m)
            {
                query.Add("max=" + m.ToString(CultureInfo.InvariantCulture));
            }

            var path = ApiOperations.AdminListReports.RelativePathFor() + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            var page = await cli.Console.Status().StartAsync("Reading the index…", _ => api.GetAsync(path, ct)).ConfigureAwait(false);
            var items = page["items"]?.AsArray() ?? [];
            cli.Console.Write(Render.Table(
                items,
                ("Received", "receivedAt"),
                ("Report", "reportId"),
                ("Status", "status"),
                ("Attempts", "attempts"),
                ("Source", "source"),
                ("Category", "category"),
                ("Submitter", "submitterId"),
                ("Last error", "lastError"),
                ("Review reasons", "reviewReasons")));
            var range = $"{Render.Text(page["from"])} to {Render.Text(page["to"])}, {Render.Text(page["statuses"])}";
            cli.Console.MarkupLine((bool?)page["truncated"] == true
                ? $"[yellow]{items.Count} shown ({Markup.Escape(range)}); more matched: narrow the days or raise --max.[/]"
                : $"[grey]{items.Count} shown ({Markup.Escape(range)})[/]");
        });
        return command;
    }
}
