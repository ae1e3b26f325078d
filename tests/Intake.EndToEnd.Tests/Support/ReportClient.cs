using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>What a form client does over HTTP: submit reports and follow their status.</summary>
public static class ReportClient
{
    private static readonly JsonObject Example = (JsonObject)JsonNode.Parse(
        File.ReadAllText(RepositoryLayout.PathOf("schemas", "report.schema.json")))!["examples"]![0]!;

    /// <summary>A valid report (the schema example) with a fresh submission id.</summary>
    public static JsonObject NewReport(string? category = null)
    {
        var report = (JsonObject)Example.DeepClone();
        report["submissionId"] = Guid.NewGuid().ToString("D");
        if (category is not null)
        {
            report["category"] = category;
        }

        return report;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonNode report, CancellationToken cancellationToken) =>
        client.PostRawAsync(Encoding.UTF8.GetBytes(report.ToJsonString()), "application/json", cancellationToken);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return client.PostAsync(new Uri("/api/reports", UriKind.Relative), content, cancellationToken);
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response, CancellationToken cancellationToken) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;

    /// <summary>Polls the status URL until the report reaches <paramref name="status"/>.</summary>
    public static async Task<JsonObject> WaitForStatusAsync(this HttpClient client, string reportId, string status, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri($"/api/reports/{reportId}", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.ReadJsonAsync(cancellationToken);
                if ((string?)last["status"] == status)
                {
                    return last;
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Report {reportId} did not reach '{status}' within {timeout}; last seen: {last?.ToJsonString() ?? "nothing"}.");
    }

    public static string Field(this JsonNode problem, int index) => (string)problem["errors"]![index]!["field"]!;

    public static string[] Fields(this JsonNode problem) =>
        problem["errors"]?.AsArray().Select(e => (string)e!["field"]!).ToArray() ?? [];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
