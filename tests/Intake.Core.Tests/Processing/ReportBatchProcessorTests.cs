using Azure.Storage.Queues;
using Intake.Core.Configuration;
using Intake.Core.Digest.Tally;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Processing;

/// <summary>Several reports per queue message: written together, failing and poisoned one by one.</summary>
[Collection(StorageCollection.Name)]
public sealed class ReportBatchProcessorTests(StorageFixture storage) : IAsyncLifetime
{
    private ServiceProvider _services = storage.BuildServices(settings: new Dictionary<string, string?> { ["Intake:HeldCategories"] = "other" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private ReportIndex Index => _services.GetRequiredService<ReportIndex>();

    private ReportBatchProcessor Processor => _services.GetRequiredService<ReportBatchProcessor>();

    /// <summary>Submits reports through intake and takes the reports of the messages its batcher sent (one when the machine is quick).</summary>
    private async Task<IReadOnlyList<ProcessReportMessage>> SubmitAsync(params string[] categories)
    {
        foreach (var category in categories)
        {
            var report = SampleReports.Valid();
            report["category"] = category;
            var outcome = await _services.GetRequiredService<ReportIntake>().SubmitJsonAsync(SampleReports.Bytes(report), Ct);
            Assert.Equal(SubmissionResult.Accepted, outcome.Result);
        }

        await _services.GetRequiredService<ProcessingBatcher>().FlushAsync(Ct);
        var queue = _services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.ProcessingQueue);
        var reports = new List<ProcessReportMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (reports.Count < categories.Length && DateTime.UtcNow < deadline)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), Ct)).Value)
            {
                reports.AddRange(ProcessingQueue.DeserializeAll(message.Body.ToString()));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }

        Assert.Equal(categories.Length, reports.Count);
        return reports;
    }

    private async Task<int> TalliedAsync(DateOnly day)
    {
        var total = 0;
        await foreach (var cell in _services.GetRequiredService<DailyTally>().ReadAsync(day, day, Ct))
        {
            total += cell.Counts.Reports;
        }

        return total;
    }

    [Fact]
    public async Task Batcher_ReportsAddedTogether_AreQueued32ToAMessage()
    {
        var batcher = _services.GetRequiredService<ProcessingBatcher>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in ids)
        {
            batcher.Add(new ProcessReportMessage(id, day));
        }

        await batcher.FlushAsync(Ct);
        var queue = _services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.ProcessingQueue);
        var peeked = (await queue.PeekMessagesAsync(32, Ct)).Value.Select(m => ProcessingQueue.DeserializeAll(m.Body.ToString())).ToList();

        Assert.Equal([32, 8], peeked.Select(m => m.Count));
        Assert.Equal(ids, peeked.SelectMany(m => m).Select(m => m.ReportId));
    }

    [Fact]
    public async Task ProcessAsync_Batch_ProcessesEveryReportAndCountsEachOnceEvenWhenDeliveredTwice()
    {
        var messages = await SubmitAsync("killing", "abduction-disappearance", "killing", "sexual-violence");
        var day = messages[0].ReceivedOn;

        await Processor.ProcessAsync(messages, 1, Ct);
        await Processor.ProcessAsync(messages, 2, Ct);

        foreach (var message in messages)
        {
            var row = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
            Assert.Equal((ReportStatus.Processed, 1), (row!.Status, row.Attempts));
        }

        Assert.Equal(4, await TalliedAsync(day));
    }

    [Fact]
    public async Task ProcessAsync_BatchWithOneHeldReport_ProcessesTheOthersAndPoisonsThatOneAloneOnTheLastDelivery()
    {
        var messages = await SubmitAsync("killing", "other", "abduction-disappearance");
        var held = messages[1];
        var day = held.ReceivedOn;

        for (var delivery = 1; delivery < StorageNames.MaxDequeueCount; delivery++)
        {
            await Assert.ThrowsAsync<ReportBatchException>(() => Processor.ProcessAsync(messages, delivery, Ct));
        }

        var beforeLast = await Index.GetAsync(day, held.ReportId, Ct);
        await Processor.ProcessAsync(messages, StorageNames.MaxDequeueCount, Ct);
        var afterLast = await Index.GetAsync(day, held.ReportId, Ct);

        Assert.Equal((ReportStatus.Received, StorageNames.MaxDequeueCount - 1), (beforeLast!.Status, beforeLast.Attempts));
        Assert.Equal((ReportStatus.Failed, StorageNames.MaxDequeueCount), (afterLast!.Status, afterLast.Attempts));
        Assert.Equal((ReportStatus.Processed, 1), ((await Index.GetAsync(day, messages[0].ReportId, Ct))!.Status, (await Index.GetAsync(day, messages[0].ReportId, Ct))!.Attempts));
        Assert.Equal(ReportStatus.Processed, (await Index.GetAsync(day, messages[2].ReportId, Ct))!.Status);
        Assert.Equal(2, await TalliedAsync(day));
        var poison = await new StorageProbe(_services).PeekAsync(StorageNames.PoisonQueue, Ct);
        Assert.Equal(held, Assert.Single(poison));
        // Not the storage default of 7 days: a poisoned report waits for an admin however long it takes.
        var expires = (await _services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.PoisonQueue).PeekMessageAsync(Ct)).Value.ExpiresOn;
        Assert.True(expires > DateTimeOffset.UtcNow.AddYears(100), $"The poison message expires on {expires:O}.");
    }

    [Fact]
    public async Task ProcessAsync_SecondMessageForReportsProcessedAlready_CountsEachOnce()
    {
        // A re-drive (or a late message) names reports another message processed: its first delivery does not read their rows.
        var messages = await SubmitAsync("killing", "abduction-disappearance", "killing");
        var day = messages[0].ReceivedOn;

        await Processor.ProcessAsync(messages, 1, Ct);
        await Processor.ProcessAsync(messages, 1, Ct);

        Assert.Equal(3, await TalliedAsync(day));
        foreach (var message in messages)
        {
            Assert.Equal(ReportStatus.Processed, (await Index.GetAsync(day, message.ReportId, Ct))!.Status);
        }
    }

    [Fact]
    public async Task ProcessAsync_FirstDeliveryNamingAReportWithoutARow_AddsTheRowAndProcessesEveryReport()
    {
        var messages = (await SubmitAsync("killing", "sexual-violence")).ToList();
        // Stored, queued, but its row was never written (intake's row write failed).
        var id = Guid.NewGuid();
        var body = SampleReports.Bytes(SampleReports.Valid(id));
        var submission = new RawSubmission(id, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), DateTimeOffset.UtcNow, "json", body.Length);
        await _services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(submission, body, "application/json", Ct);
        messages.Insert(1, new ProcessReportMessage(id, submission.ReceivedOn));

        await Processor.ProcessAsync(messages, 1, Ct);

        foreach (var message in messages)
        {
            Assert.Equal(ReportStatus.Processed, (await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct))!.Status);
        }

        Assert.Equal(3, await TalliedAsync(submission.ReceivedOn));
    }

    [Fact]
    public async Task ProcessAsync_SingleReportMessageOfAnEarlierVersion_IsProcessed()
    {
        var messages = await SubmitAsync("killing");
        var text = $$"""{"reportId":"{{messages[0].ReportId}}","receivedOn":"{{messages[0].ReceivedOn:yyyy-MM-dd}}","force":false}""";

        await Processor.ProcessAsync(ProcessingQueue.DeserializeAll(text), 1, Ct);

        Assert.Equal(ReportStatus.Processed, (await Index.GetAsync(messages[0].ReceivedOn, messages[0].ReportId, Ct))!.Status);
    }
}
