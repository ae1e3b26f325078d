using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Console;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests.WebForm;

/// <summary>
/// Campaigns through the admin API and the CLI, and the web form's multipart route, over real HTTP
/// against the self-host and Azurite: what an admin does with a link and what the link may do.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CampaignTests(ConsoleFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    [Fact]
    public async Task CreateCampaign_LinkSubmitsWithPhoto_RowMarkedWithCampaign_TokenDoesNothingElse()
    {
        var (id, token, link) = await CreateAsync("market watch", quota: 10);
        Assert.StartsWith($"/api/r/{id}/#icmp.{id}.", link, StringComparison.Ordinal);
        using var client = Host.CreateClient(token);

        using var campaign = await client.GetAsync(new Uri("/api/campaign", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, campaign.StatusCode);
        var info = await campaign.ReadJsonAsync(Ct);
        Assert.Equal(["fr", "ar"], info["languages"]!.AsArray().Select(l => (string)l!));
        Assert.Null(info["name"]);
        // The box around Sudan, where the form's map opens.
        var bounds = info["bounds"]!.AsArray().Select(b => (double)b!).ToArray();
        Assert.InRange(bounds[0], 21, 23);
        Assert.InRange(bounds[1], 8, 10);
        Assert.InRange(bounds[2], 38, 39);
        Assert.InRange(bounds[3], 22, 23);

        var report = ReportClient.NewReport();
        using var accepted = await SubmitAsync(client, report, ("photo-1.png", "image/png", Png));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var again = await SubmitAsync(client, report, ("photo-1.png", "image/png", Png));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var reportId = (string)report["submissionId"]!;
        var rows = await new StoredReports(Host.Azurite.ConnectionString).WaitUntilProcessedAsync([reportId], TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(id, rows[reportId].GetString("Campaign"));
        Assert.Equal("webform", rows[reportId].GetString("Source"));
        using var attachments = await Host.AdminClient.GetAsync(new Uri($"/api/admin/reports/{reportId}/attachments/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png))}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, attachments.StatusCode);
        Assert.Equal(Png, await attachments.Content.ReadAsByteArrayAsync(Ct));

        // Submit-only: not the JSON API, not a report's status, not the admin API.
        using var json = await client.PostAsync(ReportClient.NewReport(), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        using var status = await client.GetAsync(new Uri($"/api/reports/{reportId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        using var admin = await client.GetAsync(new Uri("/api/admin/campaigns", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        // And a submitter token cannot use the form's route.
        using var submitter = await SubmitAsync(Host.Client, ReportClient.NewReport());
        Assert.Equal(HttpStatusCode.Forbidden, submitter.StatusCode);
    }

    [Fact]
    public async Task SubmitCampaignReport_NotAPhotoOrTooMany_RefusedAndNothingStored()
    {
        var (_, token, _) = await CreateAsync("photos", quota: 10);
        using var client = Host.CreateClient(token);
        var storage = new StoredReports(Host.Azurite.ConnectionString);

        var text = ReportClient.NewReport();
        using var notPhoto = await SubmitAsync(client, text, ("photo-1.jpg", "image/jpeg", Encoding.UTF8.GetBytes("not a photo at all, just text")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notPhoto.StatusCode);
        Assert.Equal("attachment-type-not-allowed", (string)(await notPhoto.ReadJsonAsync(Ct))["code"]!);

        var many = ReportClient.NewReport();
        using var tooMany = await SubmitAsync(client, many, ("a.png", "image/png", Png), ("b.png", "image/png", Png), ("c.png", "image/png", Png), ("d.png", "image/png", Png));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        var invalid = ReportClient.NewReport();
        invalid["severity"] = 9;
        using var refused = await SubmitAsync(client, invalid, ("a.png", "image/png", Png));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var raw = await storage.RawIdsAsync(Ct);
        Assert.DoesNotContain((string)text["submissionId"]!, raw);
        Assert.DoesNotContain((string)many["submissionId"]!, raw);
        Assert.DoesNotContain((string)invalid["submissionId"]!, raw);
    }

    [Fact]
    public async Task DailyQuota_Reached_429WithRetryAfter_ResendOfAcceptedReportStillSucceeds()
    {
        var (_, token, _) = await CreateAsync("quota", quota: 2);
        using var client = Host.CreateClient(token);
        var first = ReportClient.NewReport();
        using var one = await SubmitAsync(client, first);
        using var two = await SubmitAsync(client, ReportClient.NewReport());
        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, two.StatusCode);

        var third = ReportClient.NewReport();
        using var over = await SubmitAsync(client, third);

        Assert.Equal((HttpStatusCode)429, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType!.MediaType);
        Assert.Equal("campaign-quota-exceeded", (string)(await over.ReadJsonAsync(Ct))["code"]!);
        var wait = over.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Assert.DoesNotContain((string)third["submissionId"]!, await new StoredReports(Host.Azurite.ConnectionString).RawIdsAsync(Ct));
    }

    [Fact]
    public async Task CloseCampaign_RefusedAtOnce_ListedClosed_UnknownIs404()
    {
        var (id, token, _) = await CreateAsync("to close", quota: 10);
        using var client = Host.CreateClient(token);
        using var before = await client.GetAsync(new Uri("/api/campaign", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var close = await Host.AdminClient.PostAsync(new Uri($"/api/admin/campaigns/{id}/close", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal("closed", (string)(await close.ReadJsonAsync(Ct))["state"]!);

        // The very next request, though the token was verified (and cached) a moment ago.
        var report = ReportClient.NewReport();
        using var after = await SubmitAsync(client, report);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("credential-invalid", (string)(await after.ReadJsonAsync(Ct))["code"]!);
        Assert.DoesNotContain((string)report["submissionId"]!, await new StoredReports(Host.Azurite.ConnectionString).RawIdsAsync(Ct));

        using var list = await Host.AdminClient.GetAsync(new Uri("/api/admin/campaigns", UriKind.Relative), Ct);
        var listed = JsonNode.Parse(await list.Content.ReadAsStringAsync(Ct))!.AsArray();
        var row = listed.Single(c => (string)c!["id"]! == id)!;
        Assert.Equal("closed", (string)row["state"]!);
        Assert.Null(row["link"]);

        using var unknown = await Host.AdminClient.PostAsync(new Uri("/api/admin/campaigns/0123456789abcdef/close", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("campaign-not-found", (string)(await unknown.ReadJsonAsync(Ct))["code"]!);
    }

    [Fact]
    public async Task CreateCampaign_BadRequest_NamesTheField()
    {
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { name = "x", regions = new[] { "SD" }, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }, "expiresAt"),
            (new { name = "x", regions = Array.Empty<string>(), expiresAt = DateTimeOffset.UtcNow.AddDays(1) }, "regions"),
            (new { name = "x", regions = new[] { "SD" }, languages = new[] { "de" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1) }, "languages"),
            (new { name = "x", regions = new[] { "SD" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1), dailyQuota = 0 }, "dailyQuota"),
        })
        {
            using var response = await Host.AdminClient.PostAsync(new Uri("/api/admin/campaigns", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(body), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(field, (string)(await response.ReadJsonAsync(Ct))["errors"]![0]!["field"]!);
        }
    }

    [Fact]
    public async Task Cli_CampaignsCreateListClose_PrintsLinkOnceAndState()
    {
        var (code, created) = await CliRun.RunAsync(Host.Address, Host.AdminToken.Secret, ["campaigns", "create", "--name", "cli campaign", "--regions", "CF,SD-DW", "--languages", "fr", "--days", "7", "--daily-quota", "50"]);
        Assert.True(code == 0, created);
        var link = created.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/api/r/", StringComparison.Ordinal));
        Assert.StartsWith(Host.Address.ToString().TrimEnd('/') + "/api/r/", link, StringComparison.Ordinal);
        var id = new Uri(link).AbsolutePath.Split('/')[3];

        var (_, listed) = await CliRun.RunAsync(Host.Address, Host.AdminToken.Secret, ["campaigns", "list"]);
        var line = listed.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal));
        Assert.Contains("open", line, StringComparison.Ordinal);
        Assert.Contains("SD-DW", line, StringComparison.Ordinal);
        Assert.DoesNotContain("icmp.", listed, StringComparison.Ordinal);

        var (closeCode, closed) = await CliRun.RunAsync(Host.Address, Host.AdminToken.Secret, ["campaigns", "close", id]);
        Assert.True(closeCode == 0, closed);
        var (_, after) = await CliRun.RunAsync(Host.Address, Host.AdminToken.Secret, ["campaigns", "list"]);
        Assert.Contains("closed", after.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>Creates a campaign through the admin API; its id, token and link.</summary>
    internal static async Task<(string Id, string Token, string Link)> CreateAsync(SelfHostInstance host, string name, int quota, string[]? languages = null)
    {
        var body = new { name, regions = new[] { "SD" }, languages = languages ?? ["fr", "ar"], expiresAt = DateTimeOffset.UtcNow.AddDays(30), dailyQuota = quota };
        using var response = await host.AdminClient.PostAsync(new Uri("/api/admin/campaigns", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(body), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var campaign = await response.ReadJsonAsync(Ct);
        var link = (string)campaign["link"]!;
        return ((string)campaign["id"]!, link[(link.IndexOf('#', StringComparison.Ordinal) + 1)..], link);
    }

    private Task<(string Id, string Token, string Link)> CreateAsync(string name, int quota) => CreateAsync(Host, name, quota);

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, JsonObject report, params (string Name, string Type, byte[] Bytes)[] photos)
    {
        var content = new MultipartFormDataContent();
        var json = new ByteArrayContent(Encoding.UTF8.GetBytes(report.ToJsonString()));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(json, "report", "report.json");
        foreach (var (name, type, bytes) in photos)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(part, "photo", name);
        }

        return await client.PostAsync(new Uri("/api/campaign/reports", UriKind.Relative), content, Ct);
    }
}
