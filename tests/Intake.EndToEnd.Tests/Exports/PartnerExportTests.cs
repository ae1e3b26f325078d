using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests.Exports;

/// <summary>
/// Partner tokens through the self-host: issued and revoked by an admin, they export only processed
/// reports of their regions whose reporter consented to sharing, never personal fields, and get 403
/// everywhere else. Also the OData feed's subset and the bad input of both routes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PartnerExportTests(SelfHostFixture fixture)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days => $"from={Day(-1)}&to={Day(0)}";

    private async Task<string> SubmitAsync(JsonObject report)
    {
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var id = (string)report["submissionId"]!;
        await Host.Client.WaitForStatusAsync(id, ReportStatus.Processed, ProcessingTimeout, Ct);
        return id;
    }

    private async Task<(string Id, HttpClient Client)> IssuePartnerAsync(params string[] regions)
    {
        using var created = await Host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/tokens", UriKind.Relative), new { name = "partner NGO", kind = "partner", regions }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = await created.ReadJsonAsync(Ct);
        Assert.Equal("partner", (string)token["kind"]!);
        Assert.Equal(regions, token["regions"]!.AsArray().Select(r => (string)r!));
        return ((string)token["id"]!, Host.CreateClient((string)token["token"]!));
    }

    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri($"/api/admin/exports/reports?{query}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ExportedReports.ReadCsv(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static async Task<JsonObject> ProblemAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync(Ct);
    }

    [Fact]
    public async Task PartnerExport_OnlyConsentedReportsOfItsRegions_AdminSeesAllWithoutPersonalFields()
    {
        var shared = await SubmitAsync(ExportedReports.SharedJson());
        var unsharedSudan = await SubmitAsync(ExportedReports.UnsharedSudanJson());
        var unsharedMali = await SubmitAsync(ExportedReports.UnsharedMaliJson());
        var sharedMali = ExportedReports.UnsharedMaliJson();
        sharedMali["consent"] = new JsonObject { ["followUp"] = false, ["shareWithPartners"] = true };
        var sharedMaliId = await SubmitAsync(sharedMali);
        var (_, partner) = await IssuePartnerAsync("SD");

        var partnerRows = await CsvAsync(partner, Days);
        var adminRows = await CsvAsync(Host.AdminClient, Days);

        var partnerIds = partnerRows.Select(r => r["id"]).ToHashSet();
        Assert.Contains(shared, partnerIds);
        Assert.DoesNotContain(unsharedSudan, partnerIds);
        Assert.DoesNotContain(unsharedMali, partnerIds);
        Assert.DoesNotContain(sharedMaliId, partnerIds);
        // In Sudan as stated, or as resolved from the coordinates when the report stated no country.
        Assert.All(partnerRows, r => Assert.True(r["country"] == "SD" || r["areaCode"].StartsWith("SD", StringComparison.Ordinal), r["id"]));
        Assert.DoesNotContain(ExportedReports.PersonalFields, partnerRows[0].ContainsKey);
        var adminIds = adminRows.Select(r => r["id"]).ToHashSet();
        Assert.Superset(new HashSet<string> { shared, unsharedSudan, unsharedMali, sharedMaliId }, adminIds);
        Assert.DoesNotContain(ExportedReports.PersonalFields, adminRows[0].ContainsKey);

        var feed = await partner.GetFromJsonAsync<JsonObject>(new Uri($"/api/admin/odata/Reports?$filter=receivedAt ge {Day(-1)}", UriKind.Relative), Ct);
        var feedIds = feed!["value"]!.AsArray().Select(r => (string)r!["id"]!).ToHashSet();
        Assert.Contains(shared, feedIds);
        Assert.DoesNotContain(unsharedSudan, feedIds);
        Assert.DoesNotContain(sharedMaliId, feedIds);
    }

    [Fact]
    public async Task PartnerToken_BeyondItsScope_Is403NamingTheParameter_ElsewhereRefused_RevokedIs401()
    {
        var (id, partner) = await IssuePartnerAsync("SD", "CF-UK");

        var personal = await ProblemAsync(partner, $"/api/admin/exports/reports?{Days}&includePersonal=true", HttpStatusCode.Forbidden);
        var country = await ProblemAsync(partner, $"/api/admin/exports/reports?{Days}&country=ML", HttpStatusCode.Forbidden);
        var status = await ProblemAsync(partner, $"/api/admin/exports/reports?{Days}&status=failed", HttpStatusCode.Forbidden);
        Assert.Equal(["includePersonal", "country", "status"], new[] { personal, country, status }.Select(p => p.Field(0)));
        Assert.All(new[] { personal, country, status }, p => Assert.Equal("outside-partner-scope", (string)p["code"]!));
        // A country of one of its areas is within scope.
        using (var central = await partner.GetAsync(new Uri($"/api/admin/exports/reports?{Days}&country=CF", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, central.StatusCode);
        }

        await ProblemAsync(partner, "/api/admin/queues", HttpStatusCode.Forbidden);
        await ProblemAsync(partner, "/api/admin/reports", HttpStatusCode.Forbidden);
        await ProblemAsync(partner, $"/api/admin/reports/{Guid.NewGuid()}/attachments/{new string('a', 64)}", HttpStatusCode.Forbidden);
        await ProblemAsync(partner, $"/api/reports/{Guid.NewGuid()}", HttpStatusCode.Forbidden);
        using (var post = await partner.PostAsync(ReportClient.NewReport(), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        using (var revoked = await Host.AdminClient.DeleteAsync(new Uri($"/api/admin/tokens/{id}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        await ProblemAsync(partner, $"/api/admin/exports/reports?{Days}", HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{\"name\":\"p\",\"kind\":\"partner\"}", "regions")]
    [InlineData("{\"name\":\"p\",\"kind\":\"partner\",\"regions\":[\"XX\"]}", "regions")]
    [InlineData("{\"name\":\"p\",\"kind\":\"submitter\",\"regions\":[\"SD\"]}", "regions")]
    public async Task CreatePartnerToken_BadRegions_Is400NamingRegions(string body, string field)
    {
        using var response = await Host.AdminClient.PostAsync(new Uri("/api/admin/tokens", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ReadJsonAsync(Ct)).Field(0));
    }

    [Theory]
    [InlineData("format=xlsx", 400, "format")]
    [InlineData("from=2026-11-30&to=2026-11-01", 400, "from")]
    [InlineData("from=2020-01-01&to=2026-11-01", 400, "to")]
    [InlineData("from=yesterday", 400, "from")]
    [InlineData("country=XX", 422, "country")]
    [InlineData("category=bogus", 422, "category")]
    [InlineData("status=done", 400, "status")]
    [InlineData("includePersonal=yes", 400, "includePersonal")]
    [InlineData("fromDate=2026-11-01", 400, "fromDate")]
    public async Task Export_BadInput_IsProblemNamingTheParameter(string query, int status, string field)
    {
        var problem = await ProblemAsync(Host.AdminClient, $"/api/admin/exports/reports?{query}", (HttpStatusCode)status);

        Assert.Equal(field, problem.Field(0));
        Assert.Contains($"'{field}'", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$orderby=receivedAt", 400, "$orderby")]
    [InlineData("$select=id", 400, "$select")]
    [InlineData("$top=-1", 400, "$top")]
    [InlineData("$top=100000", 400, "$top")]
    [InlineData("$skip=x", 400, "$skip")]
    [InlineData("$format=xml", 400, "$format")]
    [InlineData("$filter=severity gt 3", 400, "$filter")]
    [InlineData("$filter=receivedAt ge 2020-01-01", 400, "$filter")]
    [InlineData("$filter=country eq 'XX'", 422, "$filter")]
    public async Task ODataFeed_UnsupportedOrBadOption_IsProblemNamingIt(string query, int status, string field)
    {
        var problem = await ProblemAsync(Host.AdminClient, $"/api/admin/odata/Reports?{query}", (HttpStatusCode)status);

        Assert.Equal(field, problem.Field(0));
    }

    [Fact]
    public async Task ODataFeed_FiltersByDayCountryCategory_PagesWithTopAndSkip_DescribesItselfInMetadata()
    {
        var first = await SubmitAsync(ExportedReports.SharedJson());
        var second = await SubmitAsync(ExportedReports.SharedJson());
        var filter = Uri.EscapeDataString($"receivedAt ge {Day(-1)} and country eq 'SD' and category eq 'attack-on-civilians'");

        var all = await Host.AdminClient.GetFromJsonAsync<JsonObject>(new Uri($"/api/admin/odata/Reports?$filter={filter}", UriKind.Relative), Ct);
        var mali = await Host.AdminClient.GetFromJsonAsync<JsonObject>(new Uri($"/api/admin/odata/Reports?$filter={Uri.EscapeDataString($"receivedAt ge {Day(-1)} and country eq 'ML'")}", UriKind.Relative), Ct);
        var page1 = await Host.AdminClient.GetFromJsonAsync<JsonObject>(new Uri($"/api/admin/odata/Reports?$filter={filter}&$top=1", UriKind.Relative), Ct);
        var page2 = await Host.AdminClient.GetFromJsonAsync<JsonObject>(new Uri($"/api/admin/odata/Reports?$filter={filter}&$top=1&$skip=1", UriKind.Relative), Ct);

        var ids = all!["value"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Contains(first, ids);
        Assert.Contains(second, ids);
        // Sudan as stated, or as resolved from the coordinates when the report stated no country.
        Assert.All(all["value"]!.AsArray(), r => Assert.True(
            (string?)r!["country"] == "SD" || ((string?)r["areaCode"] ?? "").StartsWith("SD", StringComparison.Ordinal), (string)r["id"]!));
        Assert.All(all["value"]!.AsArray(), r => Assert.Equal("attack-on-civilians", (string)r!["category"]!));
        Assert.DoesNotContain(mali!["value"]!.AsArray(), r => ids.Contains((string)r!["id"]!));
        Assert.EndsWith("/api/admin/odata/$metadata#Reports", (string)all["@odata.context"]!, StringComparison.Ordinal);
        Assert.Equal([ids[0]], page1!["value"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal([ids[1]], page2!["value"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.DoesNotContain(ExportedReports.PersonalFields, all["value"]![0]!.AsObject().ContainsKey);

        using var metadata = await Host.AdminClient.GetAsync(new Uri("/api/admin/odata/$metadata", UriKind.Relative), Ct);
        Assert.Equal("4.0", string.Join(',', metadata.Headers.GetValues("OData-Version")));
        var csdl = XDocument.Parse(await metadata.Content.ReadAsStringAsync(Ct));
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        Assert.Equal("Intake.Report", (string)csdl.Descendants(edm + "EntitySet").Single().Attribute("EntityType")!);
        var properties = csdl.Descendants(edm + "Property").Select(p => (string)p.Attribute("Name")!).ToHashSet();
        Assert.Superset(properties, all["value"]![0]!.AsObject().Select(p => p.Key).ToHashSet());
        var service = await Host.AdminClient.GetFromJsonAsync<JsonObject>(new Uri("/api/admin/odata", UriKind.Relative), Ct);
        Assert.Equal("Reports", (string)service!["value"]![0]!["url"]!);
    }

    [Fact]
    public async Task AttachmentDownload_GivesTheStoredBytesAndType_Audited_UnknownIs404()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = Guid.NewGuid();
        var photo = Intake.Testing.OpenRosaFixtures.Jpeg(seed: 77);
        using (var created = await Host.Client.SubmitOpenRosaAsync(Intake.Testing.OpenRosaFixtures.Load(Intake.Testing.OpenRosaFixtures.Collect, id), Ct,
            (Intake.Testing.OpenRosaFixtures.CollectPhoto, "image/jpeg", photo)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var response = await Host.AdminClient.GetAsync(new Uri($"/api/admin/reports/{id}/attachments/{ExportedReports.Sha(photo)}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Intake.Testing.OpenRosaFixtures.CollectPhoto, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var unknown = await ProblemAsync(Host.AdminClient, $"/api/admin/reports/{id}/attachments/{new string('b', 64)}", HttpStatusCode.NotFound);
        Assert.Equal("sha256", unknown.Field(0));
        var malformed = await ProblemAsync(Host.AdminClient, $"/api/admin/reports/{id}/attachments/xyz", HttpStatusCode.BadRequest);
        Assert.Equal("sha256", malformed.Field(0));

        var query = $"/api/admin/audit?from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}";
        var audit = JsonNode.Parse(await Host.AdminClient.GetStringAsync(new Uri(query, UriKind.Relative), Ct))!.AsArray();
        var row = audit.Single(a => (string)a!["action"]! == "AdminReportAttachment" && (int)a["status"]! == 200)!;
        Assert.Equal((Host.AdminToken.Token.Id, 1), ((string)row["who"]!, (int)row["count"]!));
        Assert.Contains(ExportedReports.Sha(photo), (string)row["parameters"]!, StringComparison.Ordinal);
    }
}
