using System.Text.Json;
using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>alerts backtest</c>: replay the alert rules over stored history before changing them.</summary>
internal static class AlertCommands
{
    public static Command Create(CliContext cli) =>
        new("alerts", "The digest's alert rules: replay them over stored history.")
        {
            Backtest(cli),
        };

    private static Command Backtest(CliContext cli)
    {
        var from = DayOption("--from", "First UTC day to replay (yyyy-MM-dd).");
        var to = DayOption("--to", "Last UTC day to replay (yyyy-MM-dd), today or earlier; at most 92 days.");
        var rules = new Option<FileInfo>("--rules") { Description = "A candidate alert rules file (the shape of digest/alert-rules.json) to replay instead of the deployed rules." };
        rules.AcceptExistingOnly();
        var command = new Command("backtest", "Replay the alert rules day by day, each day as known at its end, and print the alerts each day would have raised (new and ongoing). Deterministic.") { from, to, rules };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            JsonNode? candidate = null;
            if (parse.GetValue(rules) is { } file)
            {
                try
                {
                    candidate = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                }
                catch (JsonException e)
                {
                    throw new CliException($"{file.Name} is not JSON: {e.Message}", 2);
                }
            }

            var (first, last) = (Render.Day(parse.GetValue(from))!, Render.Day(parse.GetValue(to))!);
            var body = new JsonObject { ["from"] = first, ["to"] = last, ["rules"] = candidate };
            // One call: the host reads the tally once and replays every day; the spinner shows it is working.
            var result = await cli.Console.Status().Spinner(Spinner.Known.Dots).StartAsync($"Replaying {first} to {last}{(candidate is null ? "" : " with " + Markup.Escape(parse.GetValue(rules)!.Name))}…", _ =>
                api.PostAsync(ApiOperations.AlertsBacktest.RelativePathFor(), body, ct)).ConfigureAwait(false);

            var days = result["days"] as JsonArray ?? [];
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Day").AddColumn(new TableColumn("New").RightAligned()).AddColumn(new TableColumn("Ongoing").RightAligned()).AddColumn("Alerts");
            var newTotal = 0;
            foreach (var day in days.OfType<JsonObject>())
            {
                var alerts = (day["alerts"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                newTotal += Render.Int(day, "new");
                var lines = alerts.Select(a =>
                {
                    var place = a["area"] is null ? Render.Text(a["region"]) : $"{Render.Text(a["area"])}, {Render.Text(a["region"])}";
                    var text = Markup.Escape($"{Render.Text(a["rule"])} @ {place}");
                    return Render.Text(a["status"]) == "new" ? $"[bold red]{text}[/]" : $"[grey]{text} ({Render.Int(a, "days")} days)[/]";
                });
                table.AddRow(Markup.Escape(Render.Text(day["day"])), Render.Int(day, "new").ToString(System.Globalization.CultureInfo.InvariantCulture), Render.Int(day, "ongoing").ToString(System.Globalization.CultureInfo.InvariantCulture), alerts.Count == 0 ? "[grey]-[/]" : string.Join('\n', lines));
            }

            cli.Console.Write(table);
            cli.Console.MarkupLine($"{days.Count} days replayed with rules version {Render.Int(result, "alertRulesVersion")} from {Render.Int(result, "cellsRead")} tally cells: [bold]{newTotal}[/] new alerts. New alerts in [bold red]red[/], ongoing in grey.");
        });
        return command;
    }

    private static Option<DateOnly> DayOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Render.TryParseDay(text, out var day))
            {
                return day;
            }

            result.AddError(Render.BadDay(text));
            return default;
        },
    };
}
