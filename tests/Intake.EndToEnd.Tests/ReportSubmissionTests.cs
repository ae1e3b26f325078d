using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Core.Access;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class ReportSubmissionTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task PostReport_ValidReport_Is202ThenProcessedWithoutPersonalData()
    {
        var report = ReportClient.NewReport();
        var id = (string)report["submissionId"]!;

        using var response = await Client.PostAsync(report, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync(Ct);
        Assert.Equal(id, (string)body["reportId"]!);
        Assert.Equal($"/api/reports/{id}", (string)body["statusUrl"]!);
        Assert.Equal($"/api/reports/{id}", response.Headers.Location!.OriginalString);

        var status = await Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("attack-on-civilians", (string)status["category"]!);
        Assert.Equal(["RF1", "RF11", "RF12", "RF13"], status["riskFactors"]!.AsArray().Select(r => (string)r!));
        var text = status.ToJsonString();
        Assert.DoesNotContain((string)report["narrative"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain((string)report["reporter"]!["contact"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain((string)report["reporter"]!["id"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("narrative", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PostReport_SameReportAgain_IsSuccessWithTheSameIdAndStoresNothingNew()
    {
        var report = ReportClient.NewReport();
        using var first = await Client.PostAsync(report, Ct);
        await Client.WaitForStatusAsync((string)report["submissionId"]!, "processed", TimeSpan.FromSeconds(30), Ct);
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);

        using var again = await Client.PostAsync(report, Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.ReadJsonAsync(Ct);
        Assert.Equal((string)report["submissionId"]!, (string)body["reportId"]!);
        Assert.True((bool)body["duplicate"]!);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct));
    }

    [Fact]
    public async Task PostReport_IdOfAnotherSubmittersReport_SameAnswerWhateverTheContentAndNothingStored()
    {
        // Arrange: one submitter's report, processed; a second submitter with its own token.
        var report = ReportClient.NewReport();
        var id = (string)report["submissionId"]!;
        using var first = await Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
        using var other = fixture.Host.CreateClient((await fixture.Host.IssueTokenAsync(CallerKind.Submitter, "another monitor", Ct)).Secret);
        var changed = (JsonObject)report.DeepClone();
        changed["killed"] = 30;
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);

        // Act: the other submitter sends the very same bytes, then other bytes, under that id; the
        // owner sends other bytes too.
        using var sameBytes = await other.PostAsync(report, Ct);
        using var otherBytes = await other.PostAsync(changed, Ct);
        using var ownersChange = await Client.PostAsync(changed, Ct);
        var afterwards = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);
        using var ownersResend = await Client.PostAsync(report, Ct);

        // Assert: the other submitter cannot tell a resend of the report from a clash of ids, nor
        // either from the owner's conflict: three identical 409s; only the owner gets its duplicate.
        Assert.Equal(
            [HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.OK],
            new[] { sameBytes, otherBytes, ownersChange, ownersResend }.Select(r => r.StatusCode));
        var answers = new List<string>();
        foreach (var response in new[] { sameBytes, otherBytes, ownersChange })
        {
            var problem = await response.ReadJsonAsync(Ct);
            problem.Remove("traceId");
            problem.Remove("instance");
            answers.Add(problem.ToJsonString() + string.Join(";", response.Headers.Select(h => h.Key).Order(StringComparer.Ordinal)));
        }

        Assert.Single(answers.Distinct(StringComparer.Ordinal));
        Assert.DoesNotContain(id, answers[0], StringComparison.Ordinal);
        Assert.True((bool)(await ownersResend.ReadJsonAsync(Ct))["duplicate"]!);
        Assert.Equal(before, afterwards);
    }

    [Fact]
    public async Task PostReport_SameIdDifferentContent_Is409ProblemAndKeepsTheFirst()
    {
        var report = ReportClient.NewReport();
        using var first = await Client.PostAsync(report, Ct);
        var changed = (JsonObject)report.DeepClone();
        changed["killed"] = 30;

        using var response = await Client.PostAsync(changed, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync(Ct);
        Assert.Equal("submission-conflict", (string)problem["code"]!);
        Assert.Equal(409, (int)problem["status"]!);
        Assert.Equal(["submissionId"], problem.Fields());
        // The evidence is the first body, byte for byte, and the processed report is made from it.
        var stored = await fixture.Host.App.Services.GetRequiredService<RawSubmissionStore>().ReadAsync(Guid.Parse((string)report["submissionId"]!), Ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report.ToJsonString()))), Convert.ToHexStringLower(SHA256.HashData(stored.ToArray())));
        var status = await Client.WaitForStatusAsync((string)report["submissionId"]!, "processed", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("attack-on-civilians", (string)status["category"]!);
    }

    [Fact]
    public async Task GetReport_UnknownOrMalformedId_Is404Or400Problem()
    {
        using var unknown = await Client.GetAsync(new Uri($"/api/reports/{Guid.NewGuid()}", UriKind.Relative), Ct);
        using var malformed = await Client.GetAsync(new Uri("/api/reports/not-a-uuid", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("report-not-found", (string)(await unknown.ReadJsonAsync(Ct))["code"]!);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["id"], (await malformed.ReadJsonAsync(Ct)).Fields());
    }
}
