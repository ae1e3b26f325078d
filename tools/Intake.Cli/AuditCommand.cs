using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>audit</c>: the admin audit log in a time window.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "Start (ISO 8601, UTC if no offset). Default: 24 hours before --to." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End (ISO 8601). Default: now." };
        var max = new Option<int?>("--max") { Description = "At most this many rows (1-5000)." };
        var command = new Command("audit", "Who did what, when, with which parameters and outcome.") { from, to, max };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var query = new List<string>();
            if (parse.GetValue(from) is { } f)
            {
                query.Add("from=" + Uri.EscapeDataString(f.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
            }

            if (parse.GetValue(to) is { } t)
            {
                query.Add("to=" + Uri.EscapeDataString(t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
            }

            if (parse.GetValue(max) is { } m)
            {
                query.Add("max=" + m.ToString(CultureInfo.InvariantCulture));
            }

            var path = ApiOperations.AdminAuditLog.RelativePathFor() + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            var rows = (await api.GetAsync(path, ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("When", "at"), ("Who", "whoName"), ("Action", "action"), ("Parameters", "parameters"), ("Outcome", "outcome"), ("Status", "status"), ("Count", "count")));
            cli.Console.MarkupLine($"[grey]{rows.Count} rows[/]");
        });
        return command;
    }
}
