using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Intake.Core.Configuration;
using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class PipelineTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task ProcessReport_FailingEveryAttempt_EndsFailedWithItsErrorAndInThePoisonQueue()
    {
        var report = ReportClient.NewReport(SelfHostFixture.HeldCategory);
        var id = (string)report["submissionId"]!;

        using var response = await Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var status = await Client.WaitForStatusAsync(id, "failed", TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(StorageNames.MaxDequeueCount, (int)status["attempts"]!);
        Assert.Contains($"'{SelfHostFixture.HeldCategory}' is held", (string)status["lastError"]!, StringComparison.Ordinal);
        var poison = fixture.Host.App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.PoisonQueue);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<Guid> poisoned;
        do
        {
            var peeked = await poison.PeekMessagesAsync(32, Ct);
            poisoned = peeked.Value.Select(m => ProcessingQueue.Deserialize(m.Body.ToString()).ReportId).ToList();
        }
        while (!poisoned.Contains(Guid.Parse(id)) && DateTime.UtcNow < deadline && await Delay());
        Assert.Contains(Guid.Parse(id), poisoned);
    }

    [Fact]
    public async Task Reconciler_AfterCrashBetweenBlobWriteAndIndexing_IndexesAndProcessesTheReport()
    {
        // What a crash right after the raw blob write leaves: the blob and nothing else.
        var report = ReportClient.NewReport();
        var id = Guid.Parse((string)report["submissionId"]!);
        var body = Encoding.UTF8.GetBytes(report.ToJsonString());
        var services = fixture.Host.App.Services;
        await services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(
            new RawSubmission(id, Convert.ToHexStringLower(SHA256.HashData(body)), DateTimeOffset.UtcNow, "json", body.Length, fixture.Host.SubmitterToken.Token.Id), body, "application/json", Ct);
        var before = await Client.WaitForStatusAsync(id.ToString(), "received", TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(0, (int)before["attempts"]!);

        var summary = await services.GetRequiredService<Reconciler>().RunAsync(Ct);

        Assert.True(summary.RowsCreated >= 1);
        var status = await Client.WaitForStatusAsync(id.ToString(), "processed", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("attack-on-civilians", (string)status["category"]!);
    }

    [Fact]
    public async Task Health_StorageUp_Is200WithEachService()
    {
        using var response = await Client.GetAsync(new Uri("/api/health", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync(Ct);
        Assert.Equal("healthy", (string)body["status"]!);
        Assert.Equal(3, body["checks"]!.AsObject().Count);
    }

    [Fact]
    public async Task Schema_Get_ReturnsTheRepositorySchemaWithAValidExampleAndTheTaxonomy()
    {
        using var response = await Client.GetAsync(new Uri("/api/schema/report", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(await File.ReadAllTextAsync(Intake.Testing.RepositoryLayout.PathOf("schemas", "report.schema.json"), Ct), text);
        var schema = JsonNode.Parse(text)!;
        var categories = schema["properties"]!["category"]!["oneOf"]!.AsArray();
        Assert.Equal(11, categories.Count);
        Assert.Contains(categories, c => (string)c!["const"]! == "attack-on-humanitarian-personnel");

        var example = (JsonObject)schema["examples"]![0]!.DeepClone();
        example["submissionId"] = Guid.NewGuid().ToString();
        using var submitted = await Client.PostAsync(example, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250, Ct);
        return true;
    }
}
