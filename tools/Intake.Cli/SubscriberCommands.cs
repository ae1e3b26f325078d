using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>subscribers list|add|remove</c>: who receives the digest.</summary>
/// <remarks>E-mail addresses are personal data: they are shown to the admin in the list, never logged.</remarks>
internal static class SubscriberCommands
{
    public static Command Create(CliContext cli)
    {
        var list = new Command("list", "Every subscriber: id, e-mail address, regions followed, language, flash and audience.");
        list.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.ListSubscribers.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Id", "id"), ("E-mail", "email"), ("Regions", "regions"), ("Language", "language"), ("Flash", "flash"), ("Audience", "audience")));
            cli.Console.MarkupLine($"[grey]{rows.Count} subscribers[/]");
        });

        var email = new Option<string>("--email") { Description = "Where the digest goes: one e-mail address.", Required = true };
        var regions = new Option<string[]>("--region", "-r")
        {
            Description = "An ISO 3166-1 alpha-2 country code to follow (repeat the option), or '*' for all.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var language = new Option<string?>("--language", "-l") { Description = "Preferred language, a BCP 47 tag such as en or fr-CA (digests are in English for now)." };
        var flash = new Option<bool>("--flash") { Description = "Also e-mail flash alerts for these regions as they happen." };
        var audience = new Option<string>("--audience", "-a")
        {
            Description = "internal (the organisation's staff: sees every report) or partner (per-report lines only of reports whose reporter consented to sharing).",
            DefaultValueFactory = _ => "partner",
        };
        audience.AcceptOnlyFromAmong("internal", "partner");
        var add = new Command("add", "Add a subscriber; the next digest sent goes to them too.") { email, regions, language, flash, audience };
        add.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var body = new { email = parse.GetValue(email), regions = parse.GetValue(regions), language = parse.GetValue(language), flash = parse.GetValue(flash), audience = parse.GetValue(audience) };
            var subscriber = await api.PostAsync(ApiOperations.AddSubscriber.RelativePathFor(), body, ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Added subscriber [bold]{Markup.Escape(Render.Text(subscriber["id"]))}[/] following {Markup.Escape(Render.Text(subscriber["regions"]))} ({Markup.Escape(Render.Text(subscriber["audience"]))}).");
        });

        var id = new Argument<Guid>("id") { Description = "The subscriber's id (see 'subscribers list')." };
        var remove = new Command("remove", "Remove a subscriber; they receive no further digests.") { id };
        remove.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var subscriberId = parse.GetValue(id);
            await api.DeleteAsync(ApiOperations.RemoveSubscriber.RelativePathFor(subscriberId), ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Removed subscriber [bold]{subscriberId:D}[/].");
        });

        return new Command("subscribers", "Who receives the daily digest, and for which regions.") { list, add, remove };
    }
}
