using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>queues</c>, <c>poison list|reprocess</c>, <c>reports requeue</c> (and <c>reports list</c>, from <see cref="ReportCommands"/>) and <c>reconcile</c>.</summary>
internal static class QueueCommands
{
    /// <summary>Reports moved per API call, so progress shows while a large poison queue drains.</summary>
    private const int BatchSize = 100;

    public static Command Queues(CliContext cli)
    {
        var command = new Command("queues", "Queues with their approximate and poison message counts.");
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.AdminQueues.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Queue", "name"), ("Messages", "approximateMessages"), ("Poison queue", "poisonQueue"), ("Poison", "poisonMessages")));
        });
        return command;
    }

    public static Command Poison(CliContext cli)
    {
        var list = new Command("list", "Poison messages (the oldest 32) with each report's attempts and last error.");
        list.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.AdminPoison.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Report", "reportId"), ("Received", "receivedOn"), ("Attempts", "dequeueCount"), ("First tried", "firstTriedAt"), ("Last error", "lastError")));
            cli.Console.MarkupLine($"[grey]{rows.Count} shown[/]");
        });

        var reports = new Option<Guid[]>("--report", "-r") { Description = "Only these report ids (repeat the option).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateOnly?>("--from") { Description = "Only reports received on or after this UTC day (yyyy-MM-dd)." };
        var to = new Option<DateOnly?>("--to") { Description = "Only reports received on or before this UTC day (yyyy-MM-dd)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would move; move nothing." };
        var max = new Option<int>("--max") { Description = "Move at most this many.", DefaultValueFactory = _ => 1000 };
        var reprocess = new Command("reprocess", "Move poison messages back to their queue: all, by report ids, or by received-date range.") { reports, from, to, dryRun, max };
        reprocess.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var filter = new { reportIds = parse.GetValue(reports) is { Length: > 0 } ids ? ids : null, receivedFrom = Render.Day(parse.GetValue(from)), receivedTo = Render.Day(parse.GetValue(to)) };
            var limit = parse.GetValue(max);
            if (limit < 1)
            {
                throw new CliException("--max must be at least 1.", 2);
            }

            if (parse.GetValue(dryRun))
            {
                var dry = await cli.Console.Status().StartAsync("Scanning the poison queue…", _ =>
                    api.PostAsync(ApiOperations.AdminReprocessPoison.RelativePathFor(), new { filter.reportIds, filter.receivedFrom, filter.receivedTo, dryRun = true, max = Math.Min(limit, 1000) }, ct)).ConfigureAwait(false);
                cli.Console.MarkupLine($"Dry run: [bold]{Render.Int(dry, "matched")}[/] of {Render.Int(dry, "scanned")} poison messages would move. Nothing was changed.");
                return;
            }

            var moved = await MoveInBatchesAsync(cli.Console, limit, "Moving poison messages", batch =>
                api.PostAsync(ApiOperations.AdminReprocessPoison.RelativePathFor(), new { filter.reportIds, filter.receivedFrom, filter.receivedTo, dryRun = false, max = batch }, ct)).ConfigureAwait(false);
            cli.Console.MarkupLine($"Moved [bold]{moved}[/] messages back to the processing queue.");
        });

        return new Command("poison", "The poison queue: what failed, and reprocessing it.") { list, reprocess };
    }

    public static Command Reports(CliContext cli)
    {
        var from = new Option<DateOnly>("--from") { Description = "First UTC day of receipt (yyyy-MM-dd).", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last UTC day of receipt (yyyy-MM-dd).", Required = true };
        var category = new Option<string?>("--category") { Description = "Only reports classified with this category code." };
        var status = new Option<string?>("--status") { Description = "Only reports with this status (default: processed)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be queued; queue nothing." };
        var max = new Option<int>("--max") { Description = "Queue at most this many (1-1000).", DefaultValueFactory = _ => 1000 };
        var requeue = new Command("requeue", "Process already processed reports again, e.g. after a taxonomy change.") { from, to, category, status, dryRun, max };
        requeue.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var body = new
            {
                receivedFrom = Render.Day(parse.GetValue(from)),
                receivedTo = Render.Day(parse.GetValue(to)),
                category = parse.GetValue(category),
                status = parse.GetValue(status),
                dryRun = parse.GetValue(dryRun),
                max = parse.GetValue(max),
            };
            var result = await cli.Console.Status().StartAsync(body.dryRun ? "Scanning the index…" : "Queueing reports…", _ =>
                api.PostAsync(ApiOperations.AdminRequeueReports.RelativePathFor(), body, ct)).ConfigureAwait(false);
            cli.Console.MarkupLine(body.dryRun
                ? $"Dry run: [bold]{Render.Int(result, "matched")}[/] of {Render.Int(result, "scanned")} reports would be queued. Nothing was changed."
                : $"Queued [bold]{Render.Int(result, "moved")}[/] of {Render.Int(result, "scanned")} reports for processing again.");
        });
        return new Command("reports", "Indexed reports.") { ReportCommands.List(cli), requeue };
    }

    public static Command Reconcile(CliContext cli)
    {
        var command = new Command("reconcile", "Re-drive raw submissions without index rows or queue messages now, and show what was repaired.");
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var summary = await cli.Console.Status().StartAsync("Reconciling…", _ => api.PostAsync(ApiOperations.AdminReconcile.RelativePathFor(), null, ct)).ConfigureAwait(false);
            cli.Console.Write(Render.Properties(summary.AsObject()));
        });
        return command;
    }

    /// <summary>Calls <paramref name="move"/> with batch sizes until <paramref name="limit"/> moved or a batch moves nothing, with a progress bar.</summary>
    private static async Task<int> MoveInBatchesAsync(IAnsiConsole console, int limit, string label, Func<int, Task<JsonNode>> move)
    {
        var total = 0;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(label, maxValue: limit);
            while (total < limit)
            {
                var batch = Math.Min(BatchSize, limit - total);
                var result = await move(batch).ConfigureAwait(false);
                var moved = Render.Int(result, "moved");
                total += moved;
                task.Increment(moved);
                if (moved == 0 || Render.Int(result, "matched") < batch)
                {
                    break;
                }
            }

            task.Value = task.MaxValue;
        }).ConfigureAwait(false);
        return total;
    }
}
