using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>digests compile|send|show</c>: the daily situation digest.</summary>
internal static class DigestCommands
{
    /// <summary>The argument of <c>show</c> that names the most recently compiled day.</summary>
    private const string Latest = "latest";

    public static Command Create(CliContext cli) =>
        new("digests", "The daily situation digest: compile a day, send it to subscribers, read it.")
        {
            Compile(cli),
            Send(cli),
            Show(cli),
        };

    private static Command Compile(CliContext cli)
    {
        var date = Render.DayArgument("The UTC day to compile (yyyy-MM-dd); today or earlier.");
        var command = new Command("compile", "Compile (or recompile) a day's digest now and show its summary. Sends nothing.") { date };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var day = Render.Day(parse.GetValue(date))!;
            var digest = await cli.Console.Status().StartAsync($"Compiling the digest of {day}…", _ =>
                api.PostAsync(ApiOperations.CompileDigest.RelativePathFor(day), null, ct)).ConfigureAwait(false);

            cli.Console.MarkupLine($"Compiled the digest of [bold]{Markup.Escape(Render.Text(digest["day"]))}[/]{(digest["quiet"]?.GetValue<bool>() == true ? " (a quiet day)" : "")}.");
            cli.Console.MarkupLine(Markup.Escape(Render.Text(digest["headline"])));
            var pipeline = digest["pipeline"];
            cli.Console.MarkupLine(
                $"Received that day: [bold]{Render.Int(pipeline, "received")}[/] reports; {Render.Int(pipeline, "processed")} processed and counted, " +
                $"{Render.Int(pipeline, "waiting")} waiting, {Render.Int(pipeline, "failed")} failed, {Render.Int(pipeline, "needsReview")} need review, {Render.Int(pipeline, "encrypted")} encrypted.");
            if (Render.Int(pipeline, "received") > Render.Int(pipeline, "processed"))
            {
                cli.Console.MarkupLine("[yellow]Reports not processed yet are not in the digest; compile again once they are.[/]");
            }

            var alerts = digest["alerts"] as JsonArray ?? [];
            if (alerts.Count > 0)
            {
                cli.Console.Write(Render.Table(alerts, ("Alert", "rule"), ("Region", "region"), ("Message", "message")));
            }

            var regions = digest["regions"] as JsonArray ?? [];
            if (regions.Count > 0)
            {
                cli.Console.Write(Render.Table(
                    regions,
                    ("Region", "region"),
                    ("Received", "received.reports"),
                    ("Killed", "received.killed"),
                    ("Injured", "received.injured"),
                    ("Occurred", "occurred.incidents"),
                    ("7-day mean", "occurred.trailingMean"),
                    ("Change %", "occurred.changePercent"),
                    ("New areas", "occurred.newAreas"),
                    ("Late arrivals", "lateArrivals.reports")));
            }

            cli.Console.MarkupLine($"[grey]{alerts.Count} alerts, {regions.Count} regions. Read it: intake digests show {day}; send it: intake digests send {day}[/]");
        });
        return command;
    }

    private static Command Send(CliContext cli)
    {
        var date = Render.DayArgument("The UTC day whose compiled digest to send (yyyy-MM-dd).");
        var force = new Option<bool>("--force") { Description = "Send again to subscribers who already received this day's digest." };
        var subscriber = new Option<Guid?>("--subscriber", "-s") { Description = "Only this subscriber id (see 'subscribers list'). Default: every subscriber." };
        var command = new Command("send", "E-mail a compiled day's digest to its subscribers, at most once each unless --force; shows each subscriber's outcome.") { date, force, subscriber };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var day = Render.Day(parse.GetValue(date))!;
            var query = new List<string>();
            if (parse.GetValue(force))
            {
                query.Add("force=true");
            }

            if (parse.GetValue(subscriber) is { } id)
            {
                query.Add($"subscriber={id:D}");
            }

            var path = ApiOperations.SendDigest.RelativePathFor(day) + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            var answer = await cli.Console.Status().StartAsync($"Sending the digest of {day}…", _ => api.PostAsync(path, null, ct)).ConfigureAwait(false);
            var deliveries = answer["deliveries"] as JsonArray ?? [];
            if (deliveries.Count == 0)
            {
                cli.Console.MarkupLine($"No subscribers: the digest of {day} was sent to nobody.");
                return;
            }

            cli.Console.Write(Render.Table(deliveries, ("Subscriber", "subscriberId"), ("Result", "result"), ("Via", "via")));
            int Count(string result) => deliveries.Count(d => Render.Text(d?["result"]) == result);
            var failed = Count("failed");
            cli.Console.MarkupLine($"Digest of [bold]{day}[/]: [bold]{Count("sent")}[/] sent, {Count("skipped")} skipped (already sent; --force sends again), {failed} failed.");
            if (failed > 0)
            {
                throw new CliException($"{failed} of {deliveries.Count} deliveries failed; the host log has the reason. Run the send again to retry them.");
            }
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var date = new Argument<string>("date") { Description = $"The UTC day (yyyy-MM-dd), or '{Latest}' for the most recently compiled one." };
        date.Validators.Add(result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (text != Latest && !Render.TryParseDay(text, out _))
            {
                result.AddError(Render.BadDay(text) + $" Or '{Latest}'.");
            }
        });
        var format = new Option<string>("--format", "-f") { Description = "md (default), json or html.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var command = new Command("show", "Print a compiled digest as stored (markdown by default); redirect to save it.") { date, format };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var body = await api.GetTextAsync($"{ApiOperations.GetDigest.RelativePathFor(parse.GetRequiredValue(date))}?format={parse.GetValue(format)}", ct).ConfigureAwait(false);
            // The body as it is, not rendered by Spectre: no wrapping or markup, so it can be piped or saved.
            var writer = cli.Console.Profile.Out.Writer;
            await writer.WriteAsync(body).ConfigureAwait(false);
            if (!body.EndsWith('\n'))
            {
                await writer.WriteLineAsync().ConfigureAwait(false);
            }

            await writer.FlushAsync(ct).ConfigureAwait(false);
        });
        return command;
    }
}
