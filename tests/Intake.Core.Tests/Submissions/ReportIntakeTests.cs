using System.Security.Cryptography;
using System.Text;
using Intake.Core.Configuration;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Submissions;

[Collection(StorageCollection.Name)]
public sealed class ReportIntakeTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private ReportIntake Intake => _services.GetRequiredService<ReportIntake>();

    private StorageProbe Probe => new(_services);

    [Fact]
    public async Task SubmitJsonAsync_NewReport_StoresRawBytesIndexesAndQueues()
    {
        var id = Guid.NewGuid();
        // Odd spacing and non-ASCII text: the stored bytes must be these, not a re-serialisation.
        var body = Encoding.UTF8.GetBytes(SampleReports.Valid(id).ToJsonString().Replace(",", " ,\n ", StringComparison.Ordinal) + "  ");

        var outcome = await Intake.SubmitJsonAsync(body, Ct);

        Assert.Equal(SubmissionResult.Accepted, outcome.Result);
        Assert.Equal(id, outcome.ReportId);
        Assert.Equal(body, await Probe.RawBytesAsync(id, Ct));
        var raw = await _services.GetRequiredService<RawSubmissionStore>().GetAsync(id, Ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), raw!.Sha256);
        var row = await _services.GetRequiredService<ReportIndex>().GetAsync(raw.ReceivedOn, id, Ct);
        Assert.Equal(ReportStatus.Received, row!.Status);
        Assert.Equal(raw.Sha256, row.Sha256);
        // The message names the report and carries its row's version, so a first delivery need not read the row.
        var message = Assert.Single(await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct));
        Assert.Equal(new ProcessReportMessage(id, raw.ReceivedOn) { RowETag = row.ETag.ToString() }, message);
    }

    [Fact]
    public async Task SubmitJsonAsync_SameBytesAgain_IsDuplicateAndWritesNothing()
    {
        var body = SampleReports.Bytes(SampleReports.Valid());
        await Intake.SubmitJsonAsync(body, Ct);
        var queued = (await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct)).Count;

        var outcome = await Intake.SubmitJsonAsync(body, Ct);

        Assert.Equal(SubmissionResult.Duplicate, outcome.Result);
        Assert.Equal(1, await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct));
        Assert.Equal(1, await Probe.RowCountAsync(Ct));
        Assert.Equal(queued, (await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct)).Count);
    }

    [Fact]
    public async Task SubmitJsonAsync_SameIdOtherContent_IsConflictAndKeepsTheFirst()
    {
        var id = Guid.NewGuid();
        var first = SampleReports.Bytes(SampleReports.Valid(id));
        var second = SampleReports.Valid(id);
        second["severity"] = 5;
        await Intake.SubmitJsonAsync(first, Ct);

        var outcome = await Intake.SubmitJsonAsync(SampleReports.Bytes(second), Ct);

        Assert.Equal(SubmissionResult.Conflict, outcome.Result);
        Assert.Equal(first, await Probe.RawBytesAsync(id, Ct));
        Assert.Single(await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct));
    }

    [Theory]
    [InlineData("{\"submissionId\": ")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task SubmitJsonAsync_MalformedJson_IsMalformedAndStoresNothing(string body)
    {
        var outcome = await Intake.SubmitJsonAsync(Encoding.UTF8.GetBytes(body), Ct);

        Assert.Equal(SubmissionResult.Malformed, outcome.Result);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SubmitJsonAsync_InvalidReport_IsInvalidAndStoresNothing()
    {
        var report = SampleReports.Valid();
        report["severity"] = 9;

        var outcome = await Intake.SubmitJsonAsync(SampleReports.Bytes(report), Ct);

        Assert.Equal(SubmissionResult.Invalid, outcome.Result);
        Assert.Equal("severity", Assert.Single(outcome.Errors).Field);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SubmitJsonAsync_ResendAfterCrashBeforeIndexing_FinishesTheFirstAttempt()
    {
        // The first attempt wrote the blob and died: no row, no message.
        var id = Guid.NewGuid();
        var body = SampleReports.Bytes(SampleReports.Valid(id));
        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        await _services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(new RawSubmission(id, sha, DateTimeOffset.UtcNow, "json", body.Length), body, "application/json", Ct);

        var outcome = await Intake.SubmitJsonAsync(body, Ct);

        Assert.Equal(SubmissionResult.Duplicate, outcome.Result);
        Assert.Equal(1, await Probe.RowCountAsync(Ct));
        Assert.Equal(id, Assert.Single(await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct)).ReportId);
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct));
        Assert.Equal(0, await Probe.RowCountAsync(Ct));
        Assert.Empty(await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct));
    }
}
