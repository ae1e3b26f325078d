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
    [InlineData(3)]
    public async Task ProcessAsync_MessageForBlobsWithoutARow_AddsTheRowsProcessesThemAndCountsEachOnce(int reports)
    {
        // A crash between the blob write and the row write: the blobs are stored, the message sent, the rows never written.
        // One report goes the ordinary way (row read, repaired); a batch's first delivery assumes the rows and falls back to it.
        var stored = new List<RawSubmission>();
        for (var i = 0; i < reports; i++)
        {
            var report = SampleReports.Valid();
            report["category"] = "killing";
            var body = SampleReports.Bytes(report);
            var submission = new RawSubmission(Guid.Parse((string)report["submissionId"]!), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), DateTimeOffset.UtcNow, "json", body.Length);
            Assert.Null(await _services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(submission, body, "application/json", Ct));
            stored.Add(submission);
        }

        await _services.GetRequiredService<ProcessingQueue>().EnqueueAsync([.. stored.Select(s => new ProcessReportMessage(s.ReportId, s.ReceivedOn))], Ct);
        Assert.Equal(0, await new StorageProbe(_services).RowCountAsync(Ct));
        var messages = (await new StorageProbe(_services).ReceiveAllAsync(Ct)).Select(m => m.Message).ToList();
        Assert.Equal(stored.Select(s => s.ReportId), messages.Select(m => m.ReportId));

        // Through the batch processor, as the queue trigger calls it; delivered again afterwards, as a re-drive would.
        var processor = _services.GetRequiredService<ReportBatchProcessor>();
        await processor.ProcessAsync(messages, 1, Ct);
        var rows = new List<ReportIndexEntry>();
        foreach (var submission in stored)
        {
            rows.Add((await Index.GetAsync(submission.ReceivedOn, submission.ReportId, Ct))!);
        }

        await processor.ProcessAsync(messages, 2, Ct);

        Assert.Equal(reports, await new StorageProbe(_services).RowCountAsync(Ct));
        foreach (var (submission, row) in stored.Zip(rows))
        {
            Assert.NotNull(row);
            Assert.Equal((ReportStatus.Processed, submission.Sha256, "killing"), (row.Status, row.Sha256, row.Classification!.Category));
            Assert.Equal(submission.ReceivedAt.ToUnixTimeMilliseconds(), row.ReceivedAt.ToUnixTimeMilliseconds());
            Assert.Equal(row.ProcessedAt, (await Index.GetAsync(submission.ReceivedOn, submission.ReportId, Ct))!.ProcessedAt);
        }

        var cells = new List<TallyCell>();
        await foreach (var cell in _services.GetRequiredService<DailyTally>().ReadAsync(stored[0].ReceivedOn, stored[^1].ReceivedOn, Ct))
        {
            cells.Add(cell);
        }

        Assert.Equal(reports, cells.Sum(c => c.Counts.Reports));
        Assert.Equal(stored.Select(s => s.ReportId).Order(), cells.SelectMany(c => c.Counts.Entries).Select(e => e.ReportId).Order());
    }
}
