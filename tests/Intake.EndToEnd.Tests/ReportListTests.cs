using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary><c>GET /api/admin/reports</c>: the reports that need attention, through the self-host over real HTTP.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReportListTests(SelfHostFixture fixture)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Yesterday and today, so that a test running over midnight (UTC) still sees its reports.</summary>
    private static string Days => $"from={DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={Today}";

    private async Task<JsonObject> ListAsync(string query)
    {
        using var response = await Host.AdminClient.GetAsync(new Uri($"/api/admin/reports?{query}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync(Ct);
    }

    private static JsonObject? Item(JsonObject page, string id) =>
        page["items"]!.AsArray().Select(i => i!.AsObject()).SingleOrDefault(i => (string)i["reportId"]! == id);

    [Fact]
    public async Task List_ShowsFailedWithErrorAndNeedsReviewWithReasons_FilteredByStatus_NoPersonalData()
    {
        var failing = ReportClient.NewReport(SelfHostFixture.HeldCategory);
        var failedId = (string)failing["submissionId"]!;
        using (var accepted = await Host.Client.PostAsync(failing, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var reviewId = Guid.NewGuid().ToString("D");
        using (var created = await Host.Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.OldVersion, Guid.Parse(reviewId)), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await Host.Client.WaitForStatusAsync(reviewId, ReportStatus.NeedsReview, ProcessingTimeout, Ct);
        await Host.Client.WaitForStatusAsync(failedId, ReportStatus.Failed, ProcessingTimeout, Ct);

        var all = await ListAsync($"{Days}&max=1000");
        var failed = Item(all, failedId)!;
        var review = Item(all, reviewId)!;
        Assert.Equal((ReportStatus.Failed, 5, "json", Host.SubmitterToken.Token.Id), ((string)failed["status"]!, (int)failed["attempts"]!, (string)failed["source"]!, (string)failed["submitterId"]!));
        Assert.Contains($"'{SelfHostFixture.HeldCategory}' is held", (string)failed["lastError"]!, StringComparison.Ordinal);
        Assert.NotNull((string?)failed["lastErrorAt"]);
        Assert.Equal(Today, (string)failed["receivedOn"]!);
        Assert.Equal((ReportStatus.NeedsReview, "openrosa"), ((string)review["status"]!, (string)review["source"]!));
        Assert.Contains(review["reviewReasons"]!.AsArray(), r => ((string)r!).StartsWith("what/category:", StringComparison.Ordinal));
        Assert.Null((string?)review["lastError"]);
        Assert.False((bool)all["truncated"]!);
        Assert.Equal(all["items"]!.AsArray().Count, (int)all["count"]!);
        // Newest first.
        var received = all["items"]!.AsArray().Select(i => DateTimeOffset.Parse((string)i!["receivedAt"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(received.OrderDescending(), received);
        // Only what the index row holds: never the report's content (narrative, reporter, contact).
        Assert.All(all["items"]!.AsArray(), i => Assert.Equal(
            ["attempts", "category", "lastError", "lastErrorAt", "receivedAt", "receivedOn", "reportId", "reviewReasons", "source", "status", "submitterId"],
            i!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));

        var onlyFailed = await ListAsync($"{Days}&status=failed&max=1000");
        Assert.NotNull(Item(onlyFailed, failedId));
        Assert.Null(Item(onlyFailed, reviewId));
        Assert.All(onlyFailed["items"]!.AsArray(), i => Assert.Equal(ReportStatus.Failed, (string)i!["status"]!));
        Assert.Equal([ReportStatus.Failed], onlyFailed["statuses"]!.AsArray().Select(s => (string)s!));

        var onlyReview = await ListAsync($"{Days}&status=needs-review,encrypted&max=1000");
        Assert.NotNull(Item(onlyReview, reviewId));
        Assert.Null(Item(onlyReview, failedId));

        var one = await ListAsync($"{Days}&max=1");
        Assert.Single(one["items"]!.AsArray());
        Assert.True((bool)one["truncated"]!);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2020-01-01&to=2020-03-01", "from")]
    [InlineData("status=processed", "status")]
    [InlineData("status=bogus", "status")]
    [InlineData("max=0", "max")]
    [InlineData("max=5000", "max")]
    public async Task List_BadParameter_Is400ProblemNamingIt(string query, string field)
    {
        using var response = await Host.AdminClient.GetAsync(new Uri($"/api/admin/reports?{query}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync(Ct);
        Assert.Equal(400, (int)problem["status"]!);
        Assert.Equal(field, problem.Field(0));
        Assert.Contains($"'{field}'", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithSubmitterToken_Is403AndAuditedAsRefused()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await Host.Client.GetAsync(new Uri("/api/admin/reports", UriKind.Relative), Ct);
        using var anonymous = await Host.AnonymousClient.GetAsync(new Uri("/api/admin/reports", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var query = $"admin/audit?from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}";
        using var audit = await Host.AdminClient.GetAsync(new Uri($"/api/{query}", UriKind.Relative), Ct);
        var rows = JsonNode.Parse(await audit.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Contains(rows, a => (string)a!["action"]! == "AdminListReports" && (string)a["who"]! == Host.SubmitterToken.Token.Id && (string)a["outcome"]! == "refused");
    }

    [Fact]
    public async Task List_ByAdmin_IsAuditedWithItsParametersAndCount()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);

        var page = await ListAsync($"to={Today}&status=failed&max=777");

        var query = $"admin/audit?from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}";
        using var audit = await Host.AdminClient.GetAsync(new Uri($"/api/{query}", UriKind.Relative), Ct);
        var rows = JsonNode.Parse(await audit.Content.ReadAsStringAsync(Ct))!.AsArray();
        var row = rows.Single(a => (string)a!["action"]! == "AdminListReports" && ((string)a["parameters"]!).Contains("\"max\":777", StringComparison.Ordinal))!;
        Assert.Equal((Host.AdminToken.Token.Id, "succeeded"), ((string)row["who"]!, (string)row["outcome"]!));
        Assert.Equal((int)page["count"]!, (int)row["count"]!);
        Assert.Contains($"\"to\":\"{Today}\"", (string)row["parameters"]!, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"failed\"", (string)row["parameters"]!, StringComparison.Ordinal);
    }
}
