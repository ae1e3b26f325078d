using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>flash webhooks list|add|remove</c>, <c>flash deliveries</c>, <c>flash redeliver</c>: flash alerts.</summary>
internal static class FlashCommands
{
    public static Command Create(CliContext cli) =>
        new("flash", "Flash alerts (what cannot wait for the digest): webhooks, deliveries, redelivery.")
        {
            Webhooks(cli),
            Deliveries(cli),
            Redeliver(cli),
        };

    private static Command Webhooks(CliContext cli)
    {
        var list = new Command("list", "Every webhook: id, URL, regions (secrets are never shown again).");
        list.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.ListFlashWebhooks.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Id", "id"), ("URL", "url"), ("Regions", "regions"), ("Audience", "audience"), ("Created", "createdAt")));
            cli.Console.MarkupLine($"[grey]{rows.Count} webhooks[/]");
        });

        var url = new Option<string>("--url") { Description = "An absolute https URL (http only to a loopback address).", Required = true };
        var regions = new Option<string[]>("--region", "-r")
        {
            Description = "An ISO 3166-1 alpha-2 country code whose flashes it receives (repeat the option), or '*' for all.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var audience = new Option<string>("--audience", "-a")
        {
            Description = "internal (the organisation's own system: every report flash) or partner (flashes of reports consented for sharing only).",
            DefaultValueFactory = _ => "partner",
        };
        audience.AcceptOnlyFromAmong("internal", "partner");
        var add = new Command("add", "Register a webhook; prints its signing secret once.") { url, regions, audience };
        add.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var created = await api.PostAsync(ApiOperations.AddFlashWebhook.RelativePathFor(), new { url = parse.GetValue(url), regions = parse.GetValue(regions), audience = parse.GetValue(audience) }, ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Registered webhook [bold]{Markup.Escape(Render.Text(created["id"]))}[/] for {Markup.Escape(Render.Text(created["regions"]))} ({Markup.Escape(Render.Text(created["audience"]))}).");
            cli.Console.MarkupLine($"Signing secret (shown once; store it now): [bold yellow]{Markup.Escape(Render.Text(created["secret"]))}[/]");
            cli.Console.MarkupLine("[grey]Each delivery carries Intake-Signature: sha256=<hex HMAC-SHA256 of the raw body with this secret> and Intake-Delivery: <id>.[/]");
        });

        var id = new Argument<Guid>("id") { Description = "The webhook's id (see 'flash webhooks list')." };
        var remove = new Command("remove", "Remove a webhook; its undelivered flashes are dead-lettered.") { id };
        remove.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            await api.DeleteAsync(ApiOperations.RemoveFlashWebhook.RelativePathFor(parse.GetValue(id)), ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Removed webhook [bold]{parse.GetValue(id):D}[/].");
        });

        return new Command("webhooks", "Where flash alerts are POSTed, signed.") { list, add, remove };
    }

    private static Command Deliveries(CliContext cli)
    {
        var status = new Option<string?>("--status", "-s") { Description = "Only pending, failed, delivered or dead deliveries." };
        status.AcceptOnlyFromAmong("pending", "failed", "delivered", "dead");
        var command = new Command("deliveries", "The newest flash deliveries (at most 200) with attempts and the last error.") { status };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var path = ApiOperations.ListFlashDeliveries.RelativePathFor() + (parse.GetValue(status) is { } s ? "?status=" + s : "");
            var rows = (await api.GetAsync(path, ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Delivery", "id"), ("Rule", "rule"), ("Region", "region"), ("Area", "area"), ("Via", "channel"), ("Status", "status"), ("Attempts", "attempts"), ("Last error", "lastError"), ("Next attempt", "nextAttemptAt")));
            int Count(string value) => rows.Count(r => Render.Text(r?["status"]) == value);
            cli.Console.MarkupLine($"{rows.Count} deliveries: {Count("delivered")} delivered, {Count("pending")} pending, {Count("failed")} failing, [bold]{Count("dead")}[/] dead. Redeliver one: intake flash redeliver <delivery>");
        });
        return command;
    }

    private static Command Redeliver(CliContext cli)
    {
        var id = new Argument<Guid>("id") { Description = "The delivery id (see 'flash deliveries')." };
        var command = new Command("redeliver", "Deliver a flash again now (same delivery id and body), with a fresh 24-hour retry budget.") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            JsonNode delivery = await api.PostAsync(ApiOperations.RedeliverFlash.RelativePathFor(parse.GetValue(id)), null, ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Queued delivery [bold]{Markup.Escape(Render.Text(delivery["id"]))}[/] ({Markup.Escape(Render.Text(delivery["channel"]))}, {Markup.Escape(Render.Text(delivery["rule"]))}) again.");
        });
        return command;
    }
}
