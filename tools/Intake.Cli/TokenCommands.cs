using Intake.Core.Http;

namespace Intake.Cli;

/// <summary><c>tokens list|create|revoke</c>.</summary>
internal static class TokenCommands
{
    public static Command Create(CliContext cli)
    {
        var list = new Command("list", "Every token (without secrets), revoked ones included.");
        list.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var rows = (await api.GetAsync(ApiOperations.AdminListTokens.RelativePathFor(), ct).ConfigureAwait(false)).AsArray();
            cli.Console.Write(Render.Table(rows, ("Id", "id"), ("Kind", "kind"), ("Name", "name"), ("Regions", "regions"), ("Created", "createdAt"), ("By", "createdBy"), ("Expires", "expiresAt"), ("Last used", "lastUsedAt"), ("Revoked", "revokedAt")));
        });

        var name = new Option<string>("--name", "-n") { Description = "What the token is for: a device, a project, a person.", Required = true };
        var kind = new Option<string>("--kind", "-k") { Description = "submitter (default), admin or partner.", DefaultValueFactory = _ => "submitter" };
        kind.AcceptOnlyFromAmong("submitter", "admin", "partner");
        var regions = new Option<string?>("--regions") { Description = "For partner tokens: comma-separated country (SD) or ISO 3166-2 area (CF-UK) codes it may export." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the token stops working by itself (e.g. 2027-06-30 or 2027-06-30T18:00:00Z); without it, it works until revoked." };
        var create = new Command("create", "Issue a token. Its secret is printed once and cannot be shown again.") { name, kind, regions, expires };
        create.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var token = await api.PostAsync(ApiOperations.AdminCreateToken.RelativePathFor(), new { name = parse.GetValue(name), kind = parse.GetValue(kind), regions = parse.GetValue(regions)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), expiresAt = parse.GetValue(expires) }, ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Created {Markup.Escape(Render.Text(token["kind"]))} token [bold]{Markup.Escape(Render.Text(token["id"]))}[/] ({Markup.Escape(Render.Text(token["name"]))}).");
            cli.Console.MarkupLine("Token (shown once; give it to its holder now):");
            // Plain line, no markup: easy to copy and to read from scripts.
            cli.Console.WriteLine(Render.Text(token["token"]));
        });

        var id = new Argument<string>("id") { Description = "The token's id (see 'tokens list')." };
        var revoke = new Command("revoke", "Revoke a token; it stops working at the next request.") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            using var api = cli.CreateClient(parse);
            var token = await api.DeleteAsync(ApiOperations.AdminRevokeToken.RelativePathFor(parse.GetRequiredValue(id)), ct).ConfigureAwait(false);
            cli.Console.MarkupLine($"Revoked token [bold]{Markup.Escape(Render.Text(token["id"]))}[/] ({Markup.Escape(Render.Text(token["name"]))}) at {Markup.Escape(Render.Text(token["revokedAt"]))}.");
        });

        return new Command("tokens", "Submitter and admin access tokens.") { list, create, revoke };
    }
}
