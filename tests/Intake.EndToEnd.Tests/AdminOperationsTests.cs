using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests;

/// <summary>An admin's day through the admin API: see what failed and why, fix it, reprocess, and find it all in the audit log.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminOperationsTests(SelfHostFixture fixture)
{
    /// <summary>Held only while a test runs, so other tests' reports are not affected.</summary>
    private const string HeldHere = "arbitrary-detention";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private HttpClient Admin => Host.AdminClient;

    private static Uri Api(string path) => new($"/api/{path}", UriKind.Relative);

    [Fact]
    public async Task PoisonedReports_ListedWithError_DryRunChangesNothing_ReprocessAfterFixEndsProcessed_AllAudited()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        Host.ChangeSetting("Intake:HeldCategories", $"{SelfHostFixture.HeldCategory},{HeldHere}");
        string[] ids;
        try
        {
            var reports = Enumerable.Range(0, 2).Select(_ => ReportClient.NewReport(HeldHere)).ToList();
            ids = reports.Select(r => (string)r["submissionId"]!).ToArray();
            foreach (var report in reports)
            {
                using var accepted = await Host.Client.PostAsync(report, Ct);
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }

            foreach (var id in ids)
            {
                await Host.Client.WaitForStatusAsync(id, "failed", TimeSpan.FromSeconds(90), Ct);
            }

            // The admin sees them in the poison queue, with the error and attempts.
            var poisoned = await WaitForPoisonAsync(ids);
            Assert.All(ids, id =>
            {
                var entry = poisoned.Single(p => (string)p!["reportId"]! == id)!;
                Assert.Contains($"'{HeldHere}' is held", (string)entry["lastError"]!, StringComparison.Ordinal);
                Assert.Equal(5, (int)entry["dequeueCount"]!);
                Assert.NotNull((string?)entry["firstTriedAt"]);
            });
            using var queues = await Admin.GetAsync(Api("admin/queues"), Ct);
            var reportsQueue = (await ReadArrayAsync(queues)).Single(q => (string)q!["name"]! == "reports")!;
            Assert.Equal("reports-poison", (string)reportsQueue["poisonQueue"]!);
            Assert.True((int)reportsQueue["poisonMessages"]! >= 2);

            // A dry run counts and moves nothing.
            using var dryRun = await Admin.PostAsJsonAsync(Api("admin/poison/reprocess"), new { reportIds = ids, dryRun = true }, Ct);
            var dry = await dryRun.ReadJsonAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
            Assert.Equal(2, (int)dry["matched"]!);
            Assert.Equal(0, (int)dry["moved"]!);
            Assert.Equal(2, (await WaitForPoisonAsync(ids)).Count(p => ids.Contains((string)p!["reportId"]!)));
            foreach (var id in ids)
            {
                await Host.Client.WaitForStatusAsync(id, "failed", TimeSpan.FromSeconds(1), Ct);
            }
        }
        finally
        {
            // The fix: the hold is lifted.
            Host.ChangeSetting("Intake:HeldCategories", SelfHostFixture.HeldCategory);
        }

        using var moved = await Admin.PostAsJsonAsync(Api("admin/poison/reprocess"), new { reportIds = ids, max = 10 }, Ct);
        var result = await moved.ReadJsonAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(2, (int)result["moved"]!);
        foreach (var id in ids)
        {
            var status = await Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
            Assert.Equal(HeldHere, (string)status["category"]!);
        }

        using var poisonAfter = await Admin.GetAsync(Api("admin/poison"), Ct);
        Assert.DoesNotContain((await ReadArrayAsync(poisonAfter)).Select(p => (string)p!["reportId"]!), ids.Contains);

        var audit = await ReadAuditAsync(start);
        var mine = audit.Where(a => (string)a!["who"]! == Host.AdminToken.Token.Id).ToList();
        Assert.Contains(mine, a => (string)a!["action"]! == "AdminPoison" && (string)a["outcome"]! == "succeeded");
        Assert.Contains(mine, a => (string)a!["action"]! == "AdminQueues");
        Assert.Contains(mine, a => (string)a!["action"]! == "AdminReprocessPoison" && ((string)a["parameters"]!).Contains("\"dryRun\":true", StringComparison.Ordinal) && (int?)a["count"] == 2);
        Assert.Contains(mine, a => (string)a!["action"]! == "AdminReprocessPoison" && ((string)a["parameters"]!).Contains("\"dryRun\":false", StringComparison.Ordinal) && (int?)a["count"] == 2 && (int)a["status"]! == 200);
        Assert.All(mine, a => Assert.Equal("end-to-end admin", (string)a!["whoName"]!));
    }

    [Fact]
    public async Task RequeueProcessedByCategory_DryRunCountsThenRequeuesAndTheyEndProcessedAgain()
    {
        var report = ReportClient.NewReport("forced-displacement");
        var id = (string)report["submissionId"]!;
        using var accepted = await Host.Client.PostAsync(report, Ct);
        var first = await Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var filter = new { receivedFrom = today, receivedTo = today, category = "forced-displacement", dryRun = true };

        using var dryRun = await Admin.PostAsJsonAsync(Api("admin/reports/requeue"), filter, Ct);
        var dry = await dryRun.ReadJsonAsync(Ct);
        using var requeue = await Admin.PostAsJsonAsync(Api("admin/reports/requeue"), filter with { dryRun = false }, Ct);
        var done = await requeue.ReadJsonAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Contains(id, dry["reportIds"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(0, (int)dry["moved"]!);
        Assert.Equal(HttpStatusCode.OK, requeue.StatusCode);
        Assert.Equal((int)done["matched"]!, (int)done["moved"]!);
        Assert.Contains(id, done["reportIds"]!.AsArray().Select(x => (string)x!));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonObject again;
        do
        {
            again = await Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
        }
        while ((string)again["processedAt"]! == (string)first["processedAt"]! && DateTime.UtcNow < deadline && await Delay());
        Assert.NotEqual((string)first["processedAt"]!, (string)again["processedAt"]!);
    }

    [Fact]
    public async Task Reconcile_Now_RepairsAStoredReportNobodyIndexedAndIsAudited()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        // What a crash right after the raw blob write leaves: the blob and nothing else.
        var report = ReportClient.NewReport();
        var id = Guid.Parse((string)report["submissionId"]!);
        var body = Encoding.UTF8.GetBytes(report.ToJsonString());
        await Host.App.Services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(
            new RawSubmission(id, Convert.ToHexStringLower(SHA256.HashData(body)), DateTimeOffset.UtcNow, "json", body.Length, Host.SubmitterToken.Token.Id), body, "application/json", Ct);

        using var response = await Admin.PostAsync(Api("admin/reconcile"), null, Ct);
        var summary = await response.ReadJsonAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)summary["submissionsScanned"]! >= 1, summary.ToJsonString());
        Assert.True((int)summary["rowsCreated"]! >= 1, summary.ToJsonString());
        await Host.Client.WaitForStatusAsync(id.ToString(), "processed", TimeSpan.FromSeconds(30), Ct);
        Assert.Contains(await ReadAuditAsync(start), a => (string)a!["action"]! == "AdminReconcile" && (string)a["request"]! == "POST /api/admin/reconcile");
    }

    [Fact]
    public async Task AuditLog_BadWindow_Is400NamingTheField()
    {
        using var response = await Admin.GetAsync(Api("admin/audit?from=yesterday"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("from", (await response.ReadJsonAsync(Ct)).Field(0));
    }

    [Fact]
    public async Task RefusedAdminCall_BySubmitter_IsAuditedAsRefused()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await Host.Client.PostAsJsonAsync(Api("admin/poison/reprocess"), new { dryRun = true }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(await ReadAuditAsync(start), a => (string)a!["who"]! == Host.SubmitterToken.Token.Id && (string)a["outcome"]! == "refused" && (int)a["status"]! == 403);
    }

    private async Task<JsonArray> WaitForPoisonAsync(string[] ids)
    {
        // The queue runtime moves a message to poison just after its last failed attempt is recorded.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await Admin.GetAsync(Api("admin/poison"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var list = await ReadArrayAsync(response);
            if (ids.All(id => list.Any(p => (string)p!["reportId"]! == id)) || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(250, Ct);
        }
    }

    private async Task<JsonArray> ReadAuditAsync(DateTimeOffset from)
    {
        var query = $"admin/audit?from={Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
        using var response = await Admin.GetAsync(Api(query), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadArrayAsync(response);
    }

    private static async Task<JsonArray> ReadArrayAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();

    private static async Task<bool> Delay()
    {
        await Task.Delay(250, Ct);
        return true;
    }
}
