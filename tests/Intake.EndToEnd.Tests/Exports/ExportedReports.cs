using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests.Exports;

/// <summary>
/// The reports an export test submits, what each field must read in an export, and readers for the
/// three formats that turn every record into name → text (numbers invariant, lists joined by ';',
/// null as empty), so one comparison serves CSV, GeoJSON and NDJSON.
/// </summary>
internal static class ExportedReports
{
    public const string Narrative = "He said: \"they came at dawn\", then\nleft, towards the river.";

    /// <summary>A JSON report in Sudan whose reporter consented to sharing, with a reporter id and contact.</summary>
    public static JsonObject SharedJson()
    {
        var report = ReportClient.NewReport();
        report["narrative"] = Narrative;
        report["reporter"] = new JsonObject { ["id"] = "monitor-042", ["contact"] = "+000 1111 2222" };
        report["consent"] = new JsonObject { ["followUp"] = true, ["shareWithPartners"] = true };
        return report;
    }

    /// <summary>A JSON report in Mali (a western longitude), date only, not to be shared, without a reporter.</summary>
    public static JsonObject UnsharedMaliJson()
    {
        var report = ReportClient.NewReport();
        report["occurredAt"] = "2026-11-21";
        report["occurredAtPrecision"] = "day";
        report["location"] = new JsonObject { ["latitude"] = 16.7666, ["longitude"] = -3.0026, ["country"] = "ML", ["admin1"] = "Tombouctou" };
        report["victimGroups"] = new JsonArray("women");
        report.Remove("reporter");
        report["consent"] = new JsonObject { ["followUp"] = false, ["shareWithPartners"] = false };
        report.Remove("language");
        return report;
    }

    /// <summary>A JSON report in Sudan, not to be shared.</summary>
    public static JsonObject UnsharedSudanJson()
    {
        var report = ReportClient.NewReport();
        report.Remove("reporter");
        report["consent"] = new JsonObject { ["followUp"] = false, ["shareWithPartners"] = false };
        return report;
    }

    /// <summary>What the export must say of a JSON report, field by field, as CSV text (personal fields included).</summary>
    public static Dictionary<string, string> Expected(JsonObject sent, JsonArray riskFactors)
    {
        var location = sent["location"]!.AsObject();
        return new Dictionary<string, string>
        {
            ["id"] = (string)sent["submissionId"]!,
            ["occurredAt"] = (string)sent["occurredAt"]!,
            ["occurredAtPrecision"] = (string)sent["occurredAtPrecision"]!,
            ["latitude"] = Number(location["latitude"]),
            ["longitude"] = Number(location["longitude"]),
            ["accuracyMeters"] = Number(location["accuracyMeters"]),
            ["country"] = (string?)location["country"] ?? "",
            ["admin1"] = (string?)location["admin1"] ?? "",
            ["admin2"] = (string?)location["admin2"] ?? "",
            ["placeName"] = (string?)location["placeName"] ?? "",
            ["category"] = (string)sent["category"]!,
            ["riskFactors"] = string.Join(';', riskFactors.Select(r => (string)r!)),
            ["severity"] = Number(sent["severity"]),
            ["killed"] = Number(sent["killed"]),
            ["injured"] = Number(sent["injured"]),
            ["perpetratorType"] = (string)sent["perpetratorType"]!,
            ["victimGroups"] = string.Join(';', sent["victimGroups"]!.AsArray().Select(v => (string)v!)),
            ["sourceType"] = (string)sent["sourceType"]!,
            ["language"] = (string?)sent["language"] ?? "",
            ["status"] = "processed",
            ["source"] = "json",
            ["attachmentCount"] = "0",
            ["attachmentSha256s"] = "",
            ["narrative"] = (string?)sent["narrative"] ?? "",
            ["reporterId"] = (string?)sent["reporter"]?["id"] ?? "",
            ["reporterContact"] = (string?)sent["reporter"]?["contact"] ?? "",
        };
    }

    /// <summary>What the export must say of the ODK Collect fixture (tests/Fixtures/openrosa/collect-incident.xml) and its two files.</summary>
    public static Dictionary<string, string> ExpectedCollect(Guid id, byte[] photo, byte[] recording, JsonArray riskFactors) => new()
    {
        ["id"] = id.ToString("D"),
        // 14:30 at +02:00, as the form gave it.
        ["occurredAt"] = "2026-11-20T12:30:00Z",
        ["occurredAtPrecision"] = "hour",
        ["latitude"] = "13.6289",
        ["longitude"] = "25.3496",
        ["accuracyMeters"] = "8.5",
        ["country"] = "SD",
        ["admin1"] = "North Darfur",
        ["admin2"] = "El Fasher",
        ["placeName"] = "Abu Shouk camp",
        ["category"] = "attack-on-civilians",
        ["riskFactors"] = string.Join(';', riskFactors.Select(r => (string)r!)),
        ["severity"] = "4",
        ["killed"] = "3",
        ["injured"] = "7",
        ["perpetratorType"] = "non-state-armed-group",
        ["victimGroups"] = "civilians;displaced-persons",
        ["sourceType"] = "eyewitness",
        ["language"] = "en",
        ["status"] = "processed",
        ["source"] = "openrosa",
        ["attachmentCount"] = "2",
        // Ordered by file name: the photo (1764340211873.jpg), then the recording (1764340302541.m4a).
        ["attachmentSha256s"] = $"{Sha(photo)};{Sha(recording)}",
        ["narrative"] = "Armed men on motorcycles fired into the market near the water point.",
        ["reporterId"] = "monitor-017",
        ["reporterContact"] = "+000 0000 0000",
    };

    public static readonly string[] PersonalFields = ["narrative", "reporterId", "reporterContact"];

    public static Dictionary<string, string> WithoutPersonal(Dictionary<string, string> expected) =>
        expected.Where(p => !PersonalFields.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Asserts each expected field; receivedAt and processedAt must be ISO 8601 instants in order.</summary>
    public static void AssertFields(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        foreach (var (name, value) in expected)
        {
            Assert.True(actual.ContainsKey(name), $"The export has no field '{name}'.");
            Assert.Equal((name, value), (name, actual[name]));
        }

        var received = DateTimeOffset.Parse(actual["receivedAt"], CultureInfo.InvariantCulture);
        var processed = DateTimeOffset.Parse(actual["processedAt"], CultureInfo.InvariantCulture);
        Assert.True(processed >= received, "processedAt is before receivedAt.");
        Assert.InRange(double.Parse(actual["processingSeconds"], CultureInfo.InvariantCulture), 0, 600);
        Assert.NotEqual("", actual["areaCode"]);
    }

    /// <summary>Reads a CSV export with CsvHelper's reader: header names → field text, one dictionary per record.</summary>
    public static List<Dictionary<string, string>> ReadCsv(byte[] body)
    {
        using var reader = CsvReader.Create(new MemoryStream(body), null, leaveOpen: false);
        var headers = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => reader.GetString(p.i)));
        }

        return rows;
    }

    /// <summary>A JSON object's properties as text, the way CSV writes them.</summary>
    public static Dictionary<string, string> Flatten(JsonObject properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value switch
        {
            null => "",
            JsonArray list => string.Join(';', list.Select(v => (string)v!)),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => Number(v),
            _ => p.Value.ToJsonString(),
        });

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    private static string Number(JsonNode? node) => node is null ? "" : ((double)node).ToString("R", CultureInfo.InvariantCulture);
}
