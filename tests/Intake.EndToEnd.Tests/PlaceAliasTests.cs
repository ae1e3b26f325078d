using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests;

/// <summary>An admin settles an area name the gazetteer does not know: sees it unresolved, adds an alias, and the report moves, once.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PlaceAliasTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private HttpClient Admin => Host.AdminClient;

    private static Uri Api(string path) => new($"/api/{path}", UriKind.Relative);

    /// <summary>A name no subdivision has, nor is near to: unique per run, so runs never share an alias.</summary>
    public static string UnknownName() => "Wadi Qz " + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Submits a Sudanese report whose admin1 is <paramref name="admin1"/> and waits until it is processed.</summary>
    public static async Task<(string Id, JsonObject Status)> SubmitProcessedAsync(SelfHostInstance host, string admin1)
    {
        var report = ReportClient.NewReport();
        report["location"]!["admin1"] = admin1;
        var id = (string)report["submissionId"]!;
        using var accepted = await host.Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (id, await host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct));
    }

    /// <summary>Waits until the processed report's place has <paramref name="method"/>.</summary>
    public static async Task<JsonObject> WaitForPlaceAsync(SelfHostInstance host, string id, string method)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
            if ((string?)status["place"]?["method"] == method || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(250, Ct);
        }
    }

    [Fact]
    public async Task AddAlias_UnresolvedReport_ListedThenMovedOnceAuditedAndRemovable()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var name = UnknownName();
        var (id, first) = await SubmitProcessedAsync(Host, name);
        Assert.Equal(("unresolved", "SD", name), ((string)first["place"]!["method"]!, (string)first["place"]!["areaCode"]!, (string)first["place"]!["admin1Name"]!));
        Assert.Null((string?)first["place"]!["admin1Code"]);
        Assert.Contains(await UnresolvedAsync(), i => (string)i!["name"]! == name && (string)i["country"]! == "SD" && (int)i["count"]! == 1);

        using var added = await Admin.PostAsJsonAsync(Api("admin/places/aliases"), new { name, code = "sd-dw" }, Ct);
        var change = await added.ReadJsonAsync(Ct);
        var moved = await WaitForPlaceAsync(Host, id, "alias");
        using var again = await Admin.PostAsJsonAsync(Api("admin/places/aliases"), new { name, code = "SD-DW" }, Ct);
        var secondChange = await again.ReadJsonAsync(Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(("SD-DW", "SD", "West Darfur"), ((string)change["alias"]!["code"]!, (string)change["alias"]!["country"]!, (string)change["alias"]!["subdivision"]!));
        Assert.Equal([id], change["reportIds"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(1, (int)change["queued"]!);
        Assert.Equal(("SD-DW", "SD-DW", "West Darfur"), ((string)moved["place"]!["areaCode"]!, (string)moved["place"]!["admin1Code"]!, (string)moved["place"]!["admin1Name"]!));
        Assert.Equal(name, (string)moved["admin1"]!);
        Assert.DoesNotContain(await UnresolvedAsync(), i => (string)i!["name"]! == name);
        // Added again, it moves nothing: the report is in its area already, so it is not counted twice.
        Assert.Equal((HttpStatusCode.Created, 0), (again.StatusCode, (int)secondChange["queued"]!));
        using (var list = await Admin.GetAsync(Api("admin/places/aliases"), Ct))
        {
            Assert.Contains(JsonNode.Parse(await list.Content.ReadAsStringAsync(Ct))!.AsArray(), a => (string)a!["name"]! == name && (string)a["code"]! == "SD-DW");
        }

        using var removed = await Admin.DeleteAsync(Api($"admin/places/aliases/SD/{Uri.EscapeDataString(name.ToUpperInvariant())}"), Ct);
        var removal = await removed.ReadJsonAsync(Ct);
        var back = await WaitForPlaceAsync(Host, id, "unresolved");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal([id], removal["reportIds"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("SD", (string)back["place"]!["areaCode"]!);
        var audit = await ReadAuditAsync(start);
        Assert.Contains(audit, a => (string)a!["action"]! == "AdminAddPlaceAlias" && (string)a["outcome"]! == "succeeded" && (int?)a["count"] == 1
            && ((string)a["parameters"]!).Contains(name, StringComparison.Ordinal) && (string)a["who"]! == Host.AdminToken.Token.Id);
        Assert.Contains(audit, a => (string)a!["action"]! == "AdminRemovePlaceAlias" && (int?)a["count"] == 1);
        Assert.Contains(audit, a => (string)a!["action"]! == "AdminUnresolvedPlaces");
    }

    [Theory]
    [InlineData("", "SD-DW", "name")]
    [InlineData("Dar Masalit", "", "code")]
    [InlineData("Dar Masalit", "XX-DW", "code")]
    [InlineData("Dar Masalit", "SD-ZZ", "code")]
    public async Task AddAlias_BadInput_Is422NamingTheFieldAndStoresNothing(string name, string code, string field)
    {
        var aliasesBefore = await AliasesAsync();
        using var response = await Admin.PostAsJsonAsync(Api("admin/places/aliases"), new { name, code }, Ct);
        var problem = await response.ReadJsonAsync(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invalid-alias", (string)problem["code"]!);
        Assert.Equal([field], problem.Fields());
        Assert.Equal(aliasesBefore, await AliasesAsync());
    }

    private async Task<string> AliasesAsync()
    {
        using var list = await Admin.GetAsync(Api("admin/places/aliases"), Ct);
        return await list.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task RemoveAlias_UnknownCountryOrAlias_Is422Or404NamingTheField()
    {
        using var badCountry = await Admin.DeleteAsync(Api("admin/places/aliases/XX/Dar%20Masalit"), Ct);
        using var unknown = await Admin.DeleteAsync(Api($"admin/places/aliases/SD/{Uri.EscapeDataString(UnknownName())}"), Ct);
        using var badWindow = await Admin.GetAsync(Api("admin/places/unresolved?from=2020-01-01"), Ct);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "country"), (badCountry.StatusCode, (await badCountry.ReadJsonAsync(Ct)).Field(0)));
        Assert.Equal((HttpStatusCode.NotFound, "name"), (unknown.StatusCode, (await unknown.ReadJsonAsync(Ct)).Field(0)));
        Assert.Equal((HttpStatusCode.BadRequest, "from"), (badWindow.StatusCode, (await badWindow.ReadJsonAsync(Ct)).Field(0)));
    }

    [Fact]
    public async Task AddAlias_EarlierReports_MoveBetweenAreasOfTheDigestExactlyOnce()
    {
        var name = UnknownName();
        var first = await SubmitProcessedAsync(Host, name);
        var second = await SubmitProcessedAsync(Host, name);
        var before = await TodaysAreasAsync();

        using (var added = await Admin.PostAsJsonAsync(Api("admin/places/aliases"), new { name, code = "SD-DW" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        await WaitForPlaceAsync(Host, first.Id, "alias");
        await WaitForPlaceAsync(Host, second.Id, "alias");
        var after = await TodaysAreasAsync();
        using (var again = await Admin.PostAsJsonAsync(Api("admin/places/aliases"), new { name, code = "SD-DW" }, Ct))
        {
            Assert.Equal(0, (int)(await again.ReadJsonAsync(Ct))["queued"]!);
        }

        var afterAgain = await TodaysAreasAsync();

        Assert.Equal(2, before.GetValueOrDefault(name));
        Assert.False(after.ContainsKey(name));
        Assert.Equal(before.GetValueOrDefault("SD-DW") + 2, after["SD-DW"]);
        Assert.Equal(after, afterAgain);
        using var removed = await Admin.DeleteAsync(Api($"admin/places/aliases/SD/{Uri.EscapeDataString(name)}"), Ct);
        Assert.True(removed.IsSuccessStatusCode);
    }

    /// <summary>Compiles today's digest now and reads Sudan's reports received today per area.</summary>
    private async Task<Dictionary<string, int>> TodaysAreasAsync()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var compiled = await Admin.PostAsync(Api($"admin/digests/{today}/compile"), null, Ct);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        var sudan = (await compiled.ReadJsonAsync(Ct))["regions"]!.AsArray().Single(r => (string)r!["region"]! == "SD")!;
        return sudan["received"]!["byAdmin1"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
    }

    private async Task<JsonArray> UnresolvedAsync()
    {
        using var response = await Admin.GetAsync(Api("admin/places/unresolved"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync(Ct))["items"]!.AsArray();
    }

    private async Task<JsonArray> ReadAuditAsync(DateTimeOffset from)
    {
        var query = $"admin/audit?from={Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
        using var response = await Admin.GetAsync(Api(query), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
    }
}
