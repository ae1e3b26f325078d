using Azure.Storage.Blobs;
using Intake.Core.Configuration;
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
}
