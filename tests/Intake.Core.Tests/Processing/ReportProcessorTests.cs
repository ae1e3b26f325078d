using Azure.Storage.Blobs;
using Intake.Core.Configuration;
using Intake.Core.Digest.Tally;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Processing;

[Collection(StorageCollection.Name)]
public sealed class ReportProcessorTests(StorageFixture storage) : IAsyncLifetime
{
    private ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private ReportIndex Index => _services.GetRequiredService<ReportIndex>();

    private async Task<ProcessReportMessage> SubmitAsync(string category = "killing")
    {
        var report = SampleReports.Valid();
        report["category"] = category;
        await _services.GetRequiredService<ReportIntake>().SubmitJsonAsync(SampleReports.Bytes(report), Ct);
        return Assert.Single(await new StorageProbe(_services).ReceiveAllAsync(Ct)).Message;
    }

    [Fact]
    public async Task ProcessAsync_QueuedReport_MarksItProcessedWithItsClassification()
    {
        var message = await SubmitAsync("attack-on-humanitarian-personnel");

        await _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, 1, Ct);

        var row = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
        Assert.Equal(ReportStatus.Processed, row!.Status);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.ProcessedAt);
        var c = row.Classification!;
        Assert.Equal("attack-on-humanitarian-personnel", c.Category);
        Assert.Equal(["RF13", "RF14"], c.RiskFactors);
        Assert.Equal(new DateOnly(2026, 11, 20), c.OccurredOn);
        Assert.Equal(("SD", "North Darfur", 3, 7), (c.Country, c.Admin1, c.Killed, c.Injured));
    }

    [Fact]
    public async Task ProcessAsync_AlreadyProcessed_LeavesTheRowUnchanged()
    {
        var message = await SubmitAsync();
        var processor = _services.GetRequiredService<ReportProcessor>();
        await processor.ProcessAsync(message, 1, Ct);
        var first = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);

        await processor.ProcessAsync(message, 1, Ct);

        var second = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
        Assert.Equal(first!.Timestamp, second!.Timestamp);
    }

    [Fact]
    public async Task ProcessAsync_HeldCategory_RecordsEachAttemptThenFailsOnTheLast()
    {
        await _services.DisposeAsync();
        _services = storage.BuildServices(settings: new Dictionary<string, string?> { ["Intake:HeldCategories"] = "other" });
        var message = await SubmitAsync("other");
        var processor = _services.GetRequiredService<ReportProcessor>();

        var error = await Assert.ThrowsAsync<ReportProcessingException>(() => processor.ProcessAsync(message, 1, Ct));
        var afterFirst = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
        await Assert.ThrowsAsync<ReportProcessingException>(() => processor.ProcessAsync(message, StorageNames.MaxDequeueCount, Ct));
        var afterLast = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);

        Assert.Contains("held", error.Message, StringComparison.Ordinal);
        Assert.Equal((ReportStatus.Received, 1), (afterFirst!.Status, afterFirst.Attempts));
        Assert.Equal((ReportStatus.Failed, StorageNames.MaxDequeueCount), (afterLast!.Status, afterLast.Attempts));
        Assert.Equal(error.Message, afterLast.LastError);
    }

    [Fact]
    public async Task ProcessAsync_RawBlobAlteredAfterIntake_FailsWithAnIntegrityError()
    {
        var message = await SubmitAsync();
        var tampered = SampleReports.Valid(message.ReportId);
        tampered["killed"] = 300;
        await _services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.RawSubmissions)
            .GetBlobClient(message.ReportId.ToString("D")).UploadAsync(BinaryData.FromBytes(SampleReports.Bytes(tampered)), overwrite: true, Ct);

        var error = await Assert.ThrowsAsync<ReportProcessingException>(() =>
            _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, 1, Ct));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        var row = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
        Assert.Null(row!.Classification);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ProcessAsync_MessageForABlobWithoutARow_AddsTheRowProcessesItAndCountsItOnce(long dequeueCount)
    {
        // A crash between the blob write and the row write: the blob is stored, the message sent, the row never written.
        var id = Guid.NewGuid();
        var report = SampleReports.Valid(id);
        report["category"] = "killing";
        var body = SampleReports.Bytes(report);
        var receivedAt = DateTimeOffset.UtcNow;
        var submission = new RawSubmission(id, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), receivedAt, "json", body.Length);
        Assert.Null(await _services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(submission, body, "application/json", Ct));
        await _services.GetRequiredService<ProcessingQueue>().EnqueueAsync(new ProcessReportMessage(id, submission.ReceivedOn), Ct);
        Assert.Null(await Index.GetAsync(submission.ReceivedOn, id, Ct));
        var (message, _) = Assert.Single(await new StorageProbe(_services).ReceiveAllAsync(Ct));

        // Through the batch processor, as the queue trigger calls it; delivered again afterwards, as a re-drive would.
        var processor = _services.GetRequiredService<ReportBatchProcessor>();
        await processor.ProcessAsync([message], dequeueCount, Ct);
        var row = await Index.GetAsync(submission.ReceivedOn, id, Ct);
        await processor.ProcessAsync([message], dequeueCount + 1, Ct);

        Assert.NotNull(row);
        Assert.Equal((ReportStatus.Processed, submission.Sha256, "killing"), (row.Status, row.Sha256, row.Classification!.Category));
        Assert.Equal(receivedAt.ToUnixTimeMilliseconds(), row.ReceivedAt.ToUnixTimeMilliseconds());
        Assert.Equal(1, await new StorageProbe(_services).RowCountAsync(Ct));
        Assert.Equal(row.ProcessedAt, (await Index.GetAsync(submission.ReceivedOn, id, Ct))!.ProcessedAt);
        var cells = new List<TallyCell>();
        await foreach (var cell in _services.GetRequiredService<DailyTally>().ReadAsync(submission.ReceivedOn, submission.ReceivedOn, Ct))
        {
            cells.Add(cell);
        }

        Assert.Equal(1, cells.Sum(c => c.Counts.Reports));
        Assert.Equal(id, Assert.Single(cells.SelectMany(c => c.Counts.Entries)).ReportId);
    }
}
