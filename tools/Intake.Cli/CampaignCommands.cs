using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>campaigns list|create|close</c>: public links to the web form.</summary>
internal static class CampaignCommands
{
    public static Command Create(CliContext cli)
    {
        var list = new Command("list", "Every campaign (without credentials), closed and expired ones included.");
        list.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.AdminListCampaigns.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Id", "id"), ("Name", "name"), ("State", "state"), ("Regions", "regions"), ("Languages", "languages"), ("Quota/day", "dailyQuota"), ("Expires", "expiresAt"), ("Closed", "closedAt")));
        });

        var name = new Option<string>("--name", "-n") { Description = "What the campaign is for (admins see it; the form never shows it).", Required = true };
        var regions = new Option<string>("--regions") { Description = "Comma-separated country (SD) or ISO 3166-2 area (CF-UK) codes it is about.", Required = true };
        var languages = new Option<string?>("--languages") { Description = "Comma-separated form languages, the default first (en, fr, ar; default all)." };
        var days = new Option<int>("--days") { Description = "Days until the link expires (default 30).", DefaultValueFactory = _ => 30 };
        var quota = new Option<int?>("--daily-quota") { Description = "Most new reports per UTC day (default 500)." };
        var create = new Command("create", "Create a campaign. Its link (with the credential) is printed once and cannot be shown again.") { name, regions, languages, days, quota };
        create.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var body = new
            {
                name = parse.GetValue(name),
                regions = Split(parse.GetValue(regions)),
                languages = Split(parse.GetValue(languages)),
                expiresAt = DateTimeOffset.UtcNow.AddDays(parse.GetValue(days)),
                dailyQuota = parse.GetValue(quota),
            };
            var campaign = await api.PostAsync(ApiOperations.AdminCreateCampaign.RelativePathFor(), body, ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Created campaign [bold]{Markup.Escape(Render.Text(campaign["id"]))}[/] ({Markup.Escape(Render.Text(campaign["name"]))}), expires {Markup.Escape(Render.Text(campaign["expiresAt"]))}.");
            cli.Console.MarkupLine("Link (shown once; hand it out now):");
            // Plain line, no markup: easy to copy and to read from scripts.
            cli.Console.WriteLine(api.Absolute(Render.Text(campaign["link"])).ToString());
        });

        var id = new Argument<string>("id") { Description = "The campaign's id (see 'campaigns list')." };
        var close = new Command("close", "Close a campaign; its link is refused from the next request on.") { id };
        close.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var campaign = await api.PostAsync(ApiOperations.AdminCloseCampaign.RelativePathFor(parse.GetRequiredValue(id)), null, ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Closed campaign [bold]{Markup.Escape(Render.Text(campaign["id"]))}[/] ({Markup.Escape(Render.Text(campaign["name"]))}) at {Markup.Escape(Render.Text(campaign["closedAt"]))}.");
        });

        return new Command("campaigns", "Public links to the web form, each with a submit-only credential.") { list, create, close };
    }

    private static string[]? Split(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
