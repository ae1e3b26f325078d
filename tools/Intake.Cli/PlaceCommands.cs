using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>places unresolved</c> and <c>places alias list|add|remove</c>: the names reporters use that the gazetteer does not know, and the aliases that settle them.</summary>
internal static class PlaceCommands
{
    public static Command Create(CliContext cli)
    {
        var from = new Option<DateOnly?>("--from") { Description = "First UTC day of receipt (yyyy-MM-dd). Default: 29 days before --to." };
        var to = new Option<DateOnly?>("--to") { Description = "Last UTC day of receipt (yyyy-MM-dd). Default: today (UTC). At most 31 days in all." };
        var unresolved = new Command("unresolved", "Admin1 names that resolved to no subdivision, most reported first, with their countries and other spellings.") { from, to };
        unresolved.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var path = ApiOperations.AdminUnresolvedPlaces.RelativePathFor() + Query(parse.GetValue(from), parse.GetValue(to));
            var page = await cli.Console.Status().StartAsync("Reading the index…", _ => api.GetAsync(path, ct)).ConfigureAwait(false);
            var items = page["items"]?.AsArray() ?? [];
            cli.Console.Write(Render.Table(items, ("Country", "country"), ("Name", "name"), ("Reports", "count"), ("Other spellings", "spellings"), ("Last received", "lastReceivedAt")));
            cli.Console.MarkupLine($"[grey]{items.Count} names in {Render.Int(page, "reports")} reports received {Markup.Escape(Render.Text(page["from"]))} to {Markup.Escape(Render.Text(page["to"]))}. Settle one with: intake places alias add \"<name>\" <ISO 3166-2 code>[/]");
        });

        return new Command("places", "Area names that did not resolve, and the aliases admins add for them.") { unresolved, Alias(cli) };
    }

    private static Command Alias(CliContext cli)
    {
        var list = new Command("list", "Every alias: name, country, code and the subdivision's English name.");
        list.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.AdminListPlaceAliases.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Country", "country"), ("Name", "name"), ("Code", "code"), ("Subdivision", "subdivision")));
            cli.Console.MarkupLine($"[grey]{rows.Count} aliases[/]");
        });

        var (name, code, from, to) = (NameArgument(), new Argument<string>("code") { Description = "The ISO 3166-2 subdivision it means, e.g. SD-DW." }, FromOption(), ToOption());
        var add = new Command("add", "Add an alias (audited); the reports it moves are queued to be resolved again, each once.") { name, code, from, to };
        add.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var body = new { name = parse.GetValue(name), code = parse.GetValue(code), from = Render.Day(parse.GetValue(from)), to = Render.Day(parse.GetValue(to)) };
            var change = await cli.Console.Status().StartAsync("Adding the alias and queueing the reports it moves…", _ =>
                api.PostAsync(ApiOperations.AdminAddPlaceAlias.RelativePathFor(), body, ct)).ConfigureAwait(false);
            Describe(cli.Console, "Added", change);
        });

        var (removeName, removeFrom, removeTo) = (NameArgument(), FromOption(), ToOption());
        var countryOrCode = new Argument<string>("country") { Description = "The alias's country (SD) or its code (SD-DW)." };
        var remove = new Command("remove", "Remove an alias; the reports it had resolved are queued to be resolved without it.") { removeName, countryOrCode, removeFrom, removeTo };
        remove.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var country = parse.GetValue(countryOrCode)!.Trim();
            country = country.Length > 2 ? country[..2] : country;
            var path = ApiOperations.AdminRemovePlaceAlias.RelativePathFor(country.ToUpperInvariant(), parse.GetValue(removeName)!.Trim()) + Query(parse.GetValue(removeFrom), parse.GetValue(removeTo));
            var change = await cli.Console.Status().StartAsync("Removing the alias and queueing the reports it had resolved…", _ => api.DeleteAsync(path, ct)).ConfigureAwait(false);
            Describe(cli.Console, "Removed", change);
        });

        return new Command("alias", "Names admins settle: 'Gharb Darfur' means SD-DW.") { list, add, remove };
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The name as reporters write it, e.g. \"Gharb Darfur\" (quote it)." };

    private static Option<DateOnly?> FromOption() => new("--from") { Description = "Re-resolve reports received from this UTC day (yyyy-MM-dd). Default: 29 days before --to." };

    private static Option<DateOnly?> ToOption() => new("--to") { Description = "Re-resolve reports received up to this UTC day (yyyy-MM-dd). Default: today. At most 366 days in all." };

    private static void Describe(IAnsiConsole console, string verb, JsonNode change)
    {
        var alias = change["alias"];
        console.MarkupLine($"{verb} alias [bold]{Markup.Escape(Render.Text(alias?["name"]))}[/] = {Markup.Escape(Render.Text(alias?["code"]))} ({Markup.Escape(Render.Text(alias?["subdivision"]))}).");
        console.MarkupLine($"Queued [bold]{Render.Int(change, "queued")}[/] of {Render.Int(change, "scanned")} processed reports received {Markup.Escape(Render.Text(change["from"]))} to {Markup.Escape(Render.Text(change["to"]))} to be resolved again.");
        if ((bool?)change["truncated"] == true)
        {
            console.MarkupLine("[yellow]More reports were affected than one call queues: run the same command again to queue the rest.[/]");
        }
    }

    private static string Query(DateOnly? from, DateOnly? to)
    {
        var query = new List<string>();
        if (Render.Day(from) is { } f)
        {
            query.Add("from=" + f);
        }

        if (Render.Day(to) is { } t)
        {
            query.Add("to=" + t);
        }

        return query.Count > 0 ? "?" + string.Join('&', query) : "";
    }
}
