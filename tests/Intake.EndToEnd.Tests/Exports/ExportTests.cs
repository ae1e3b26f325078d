using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests.Exports;

/// <summary>
/// <c>GET /api/admin/exports/reports</c>, the OData feed and attachment downloads, through the
/// self-host over real HTTP: what was submitted (as JSON and over OpenRosa) is what comes out, field
/// by field, in each format; consent and partner regions decide what a partner gets; personal fields
/// only on request, audited.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExportTests(SelfHostFixture fixture)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Yesterday and today, so a test running over midnight (UTC) still sees its reports.</summary>
    private static string Days => $"from={Day(-1)}&to={Day(0)}";

    private async Task<(string Id, JsonArray RiskFactors)> SubmitJsonAsync(JsonObject report)
    {
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var id = (string)report["submissionId"]!;
        var status = await Host.Client.WaitForStatusAsync(id, ReportStatus.Processed, ProcessingTimeout, Ct);
        return (id, status["riskFactors"]!.AsArray());
    }

    private async Task<(Guid Id, byte[] Photo, byte[] Recording, JsonArray RiskFactors)> SubmitCollectAsync()
    {
        var id = Guid.NewGuid();
        var photo = OpenRosaFixtures.Jpeg(seed: id.GetHashCode());
        var recording = OpenRosaFixtures.M4a(seed: id.GetHashCode());
        using (var created = await Host.Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Ct,
            (OpenRosaFixtures.CollectPhoto, "image/jpeg", photo), (OpenRosaFixtures.CollectRecording, "audio/mp4", recording)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var status = await Host.Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Processed, ProcessingTimeout, Ct);
        return (id, photo, recording, status["riskFactors"]!.AsArray());
    }

    private static async Task<byte[]> GetOkAsync(HttpClient client, string path, string mediaType)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {ExportedReports.Text(body)}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private async Task<JsonArray> AuditSinceAsync(DateTimeOffset start)
    {
        var query = $"/api/admin/audit?from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}";
        using var audit = await Host.AdminClient.GetAsync(new Uri(query, UriKind.Relative), Ct);
        return JsonNode.Parse(await audit.Content.ReadAsStringAsync(Ct))!.AsArray();
    }

    [Fact]
    public async Task ExportCsv_JsonAndOpenRosaReports_EveryFieldAsSubmitted_PersonalFieldsAbsent()
    {
        var shared = ExportedReports.SharedJson();
        var mali = ExportedReports.UnsharedMaliJson();
        var (sharedId, sharedFactors) = await SubmitJsonAsync(shared);
        var (maliId, maliFactors) = await SubmitJsonAsync(mali);
        var collect = await SubmitCollectAsync();

        var body = await GetOkAsync(Host.AdminClient, $"/api/admin/exports/reports?{Days}&format=csv", "text/csv");

        var rows = ExportedReports.ReadCsv(body);
        Assert.DoesNotContain(ExportedReports.PersonalFields, f => rows[0].ContainsKey(f));
        ExportedReports.AssertFields(ExportedReports.WithoutPersonal(ExportedReports.Expected(shared, sharedFactors)), rows.Single(r => r["id"] == sharedId));
        ExportedReports.AssertFields(ExportedReports.WithoutPersonal(ExportedReports.Expected(mali, maliFactors)), rows.Single(r => r["id"] == maliId));
        ExportedReports.AssertFields(
            ExportedReports.WithoutPersonal(ExportedReports.ExpectedCollect(collect.Id, collect.Photo, collect.Recording, collect.RiskFactors)),
            rows.Single(r => r["id"] == collect.Id.ToString("D")));
        // RFC 4180: CRLF between records; no byte order mark unless asked.
        Assert.Contains("\r\n", ExportedReports.Text(body), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, body[0]);
        Assert.DoesNotContain("monitor-042", ExportedReports.Text(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportGeoJson_FollowsRfc7946_EveryFieldAsSubmitted()
    {
        var shared = ExportedReports.SharedJson();
        var mali = ExportedReports.UnsharedMaliJson();
        var (sharedId, sharedFactors) = await SubmitJsonAsync(shared);
        var (maliId, maliFactors) = await SubmitJsonAsync(mali);
        var collect = await SubmitCollectAsync();

        var body = await GetOkAsync(Host.AdminClient, $"/api/admin/exports/reports?{Days}&format=geojson", "application/geo+json");

        var root = JsonNode.Parse(body)!.AsObject();
        // RFC 7946 §3.3: a FeatureCollection has "features", an array of Features; §4: no "crs" member (WGS 84 only).
        Assert.Equal("FeatureCollection", (string)root["type"]!);
        Assert.False(root.ContainsKey("crs"));
        var features = root["features"]!.AsArray().Select(f => f!.AsObject()).ToList();
        foreach (var feature in features)
        {
            // §3.2: "type": "Feature", a "geometry" (a Geometry or null) and "properties" (an object or null).
            Assert.Equal("Feature", (string)feature["type"]!);
            Assert.Equal(JsonValueKind.String, feature["id"]!.GetValueKind());
            var geometry = feature["geometry"]!.AsObject();
            // §3.1.2 and §3.1.1: a Point's coordinates are one position, [longitude, latitude], in range.
            Assert.Equal("Point", (string)geometry["type"]!);
            var position = geometry["coordinates"]!.AsArray().Select(c => (double)c!).ToArray();
            Assert.Equal(2, position.Length);
            Assert.InRange(position[0], -180, 180);
            Assert.InRange(position[1], -90, 90);
            Assert.Equal(JsonValueKind.Object, feature["properties"]!.GetValueKind());
        }

        foreach (var (id, expected) in new[]
        {
            (sharedId, ExportedReports.Expected(shared, sharedFactors)),
            (maliId, ExportedReports.Expected(mali, maliFactors)),
            (collect.Id.ToString("D"), ExportedReports.ExpectedCollect(collect.Id, collect.Photo, collect.Recording, collect.RiskFactors)),
        })
        {
            var feature = features.Single(f => (string)f["id"]! == id);
            var coordinates = feature["geometry"]!["coordinates"]!.AsArray();
            Assert.Equal((expected["longitude"], expected["latitude"]), (((double)coordinates[0]!).ToString("R", CultureInfo.InvariantCulture), ((double)coordinates[1]!).ToString("R", CultureInfo.InvariantCulture)));
            var properties = feature["properties"]!.AsObject();
            ExportedReports.AssertFields(ExportedReports.WithoutPersonal(expected), ExportedReports.Flatten(properties));
            Assert.DoesNotContain(ExportedReports.PersonalFields, properties.ContainsKey);
        }
    }

    [Fact]
    public async Task ExportWithPersonalFields_Ndjson_HasThemExactly_AndIsAuditedBeforeAndAfter()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var shared = ExportedReports.SharedJson();
        var (sharedId, sharedFactors) = await SubmitJsonAsync(shared);
        var collect = await SubmitCollectAsync();

        var plain = await GetOkAsync(Host.AdminClient, $"/api/admin/exports/reports?{Days}&format=ndjson", "application/x-ndjson");
        var personal = await GetOkAsync(Host.AdminClient, $"/api/admin/exports/reports?{Days}&format=ndjson&includePersonal=true", "application/x-ndjson");

        static List<JsonObject> Lines(byte[] body) =>
            [.. ExportedReports.Text(body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
        var plainLines = Lines(plain);
        var personalLines = Lines(personal);
        // Absent, not blank, without the flag.
        Assert.All(plainLines, l => Assert.DoesNotContain(ExportedReports.PersonalFields, l.ContainsKey));
        ExportedReports.AssertFields(ExportedReports.Expected(shared, sharedFactors), ExportedReports.Flatten(personalLines.Single(l => (string)l["id"]! == sharedId)));
        ExportedReports.AssertFields(
            ExportedReports.ExpectedCollect(collect.Id, collect.Photo, collect.Recording, collect.RiskFactors),
            ExportedReports.Flatten(personalLines.Single(l => (string)l["id"]! == collect.Id.ToString("D"))));

        var audit = await AuditSinceAsync(start);
        var exports = audit
            .Where(a => (string)a!["action"]! == "ExportReports" && (string)a["who"]! == Host.AdminToken.Token.Id && ((string)a["parameters"]!).Contains("\"format\":\"ndjson\"", StringComparison.Ordinal))
            .Select(a => a!.AsObject()).ToList();
        var withPersonal = exports.Where(a => ((string)a["parameters"]!).Contains("\"includePersonal\":true", StringComparison.Ordinal)).ToList();
        Assert.Equal(["started", "succeeded"], withPersonal.Select(a => (string)a["outcome"]!));
        Assert.Equal(personalLines.Count, (int)withPersonal[1]["count"]!);
        Assert.Contains($"\"from\":\"{Day(-1)}\"", (string)withPersonal[1]["parameters"]!, StringComparison.Ordinal);
        var withoutPersonal = exports.Single(a => ((string)a["parameters"]!).Contains("\"includePersonal\":false", StringComparison.Ordinal));
        Assert.Equal(("succeeded", plainLines.Count), ((string)withoutPersonal["outcome"]!, (int)withoutPersonal["count"]!));
        // The audit row keeps the filter, never an exported value.
        Assert.DoesNotContain(audit, a => a!.ToJsonString().Contains("monitor-042", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CsvWithPersonalFields_QuotesNarrative_EscapesFormulaLikeContact_WithByteOrderMark()
    {
        var shared = ExportedReports.SharedJson();
        var (sharedId, sharedFactors) = await SubmitJsonAsync(shared);

        var body = await GetOkAsync(Host.AdminClient, $"/api/admin/exports/reports?{Days}&includePersonal=true&bom=true", "text/csv");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        var expected = ExportedReports.Expected(shared, sharedFactors);
        // A spreadsheet would run "+000 ..." as a formula: CSV cells that start with = + - @ get a leading apostrophe.
        expected["reporterContact"] = "'" + expected["reporterContact"];
        ExportedReports.AssertFields(expected, ExportedReports.ReadCsv(body).Single(r => r["id"] == sharedId));
    }
}
