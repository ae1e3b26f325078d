using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class BadInputTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Cases() =>
    [
        "malformed-json", "truncated-json", "text-plain", "no-content-type", "latin1-charset", "over-limit", "missing-fields",
        "severity-out-of-range", "unknown-category", "latitude-out-of-range", "longitude-not-a-number",
        "occurred-tomorrow", "negative-killed", "unknown-field", "contact-without-consent", "array-body", "lone-surrogate",
        "duplicate-key", "duplicate-nested-key",
    ];

    private static (byte[] Body, string? ContentType, HttpStatusCode Status, string Code, string[] Fields) Build(string name)
    {
        var report = ReportClient.NewReport();
        byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
        const string json = "application/json";
        switch (name)
        {
            case "malformed-json": return ("{\"submissionId\": }"u8.ToArray(), json, HttpStatusCode.BadRequest, "malformed-json", [""]);
            case "truncated-json": return (Json(report)[..40], json, HttpStatusCode.BadRequest, "malformed-json", [""]);
            case "text-plain": return (Json(report), "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", ["Content-Type"]);
            case "no-content-type": return (Json(report), null, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", ["Content-Type"]);
            case "latin1-charset": return (Json(report), "application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", ["Content-Type"]);
            case "over-limit":
                report["narrative"] = new string('x', 70_000);
                return (Json(report), json, HttpStatusCode.RequestEntityTooLarge, "body-too-large", []);
            case "missing-fields":
                report.Remove("occurredAt");
                report.Remove("consent");
                report["location"]!.AsObject().Remove("longitude");
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["occurredAt", "location.longitude", "consent"]);
            case "severity-out-of-range":
                report["severity"] = 7;
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["severity"]);
            case "unknown-category":
                report["category"] = "riot";
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["category"]);
            case "latitude-out-of-range":
                report["location"]!["latitude"] = 123.4;
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["location.latitude"]);
            case "longitude-not-a-number":
                report["location"]!["longitude"] = "east";
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["location.longitude"]);
            case "occurred-tomorrow":
                report["occurredAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["occurredAt"]);
            case "negative-killed":
                report["killed"] = -3;
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["killed"]);
            case "unknown-field":
                report["victimName"] = "x";
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["victimName"]);
            case "contact-without-consent":
                report["consent"]!["followUp"] = false;
                return (Json(report), json, (HttpStatusCode)422, "validation-failed", ["reporter.contact"]);
            case "array-body": return ("[]"u8.ToArray(), json, (HttpStatusCode)422, "validation-failed", [""]);
            case "lone-surrogate":
                // Valid JSON, but no text: an escaped unpaired surrogate (found by HostileInputTests; it was a 500).
                report["narrative"] = "LONE";
                return (Encoding.UTF8.GetBytes(report.ToJsonString().Replace("\"LONE\"", "\"\\uD800\"", StringComparison.Ordinal)), json, (HttpStatusCode)422, "validation-failed", ["narrative"]);
            case "duplicate-key":
                // Parsers disagree on which of two equal keys wins: stored evidence must have one meaning.
                report["severity"] = 2;
                return (Encoding.UTF8.GetBytes(report.ToJsonString().Replace("\"severity\":2", "\"severity\":2,\"severity\":5", StringComparison.Ordinal)), json, (HttpStatusCode)422, "validation-failed", ["severity"]);
            case "duplicate-nested-key":
                report["consent"]!["shareWithPartners"] = false;
                return (Encoding.UTF8.GetBytes(report.ToJsonString().Replace("\"shareWithPartners\":false", "\"shareWithPartners\":false,\"shareWithPartners\":true", StringComparison.Ordinal)), json, (HttpStatusCode)422, "validation-failed", ["consent.shareWithPartners"]);
            default: throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PostReport_BadInput_IsProblemDetailsNamingTheFieldsAndStoresNothing(string name)
    {
        var (body, contentType, status, code, fields) = Build(name);
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);

        using var response = await fixture.Host.Client.PostRawAsync(body, contentType, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync(Ct);
        Assert.Equal(code, (string)problem["code"]!);
        Assert.Equal($"urn:intake:problem:{code}", (string)problem["type"]!);
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Equal(fields, problem.Fields());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct));
    }
}
