using Azure.Storage.Queues;
using Intake.Core.Configuration;
using Intake.Core.Digest.Tally;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Processing;

/// <summary>
/// Processing at least once, at the same moment: the same message delivered twice at once (a late
/// message and a re-drive, on one instance or two), and an admin's forced reprocess racing the
/// ordinary delivery. Each report must end with one processed row, counted once in the tally.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ConcurrentProcessingTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _first = storage.BuildServices();
    private readonly ServiceProvider _second = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private ReportIndex Index => _first.GetRequiredService<ReportIndex>();

    public static TheoryData<bool, int> Deliveries => new()
    {
        { true, 1 }, { false, 1 }, { true, 6 }, { false, 6 },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task ProcessAsync_SameMessageDeliveredTwiceAtOnce_OneProcessedRowCountedOnce(bool sameInstance, int reports)
    {
        var messages = await SubmitAsync(reports);
        var other = sameInstance ? _first : _second;

        await Task.WhenAll(
            Task.Run(() => _first.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 1, Ct), Ct),
            Task.Run(() => other.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 1, Ct), Ct));

        var rows = await ProcessedRowsAsync(messages);
        await AssertCountedOnceAsync(messages);

        // Settled: a third delivery (a re-drive after both) changes neither the row nor the count.
        await _second.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 2, Ct);
        foreach (var message in messages)
        {
            var again = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
            Assert.Equal((rows[message.ReportId].ProcessedAt, rows[message.ReportId].Timestamp), (again!.ProcessedAt, again.Timestamp));
        }

        await AssertCountedOnceAsync(messages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task ProcessAsync_AnotherDeliveryFinishesBetweenThisOnesReadAndWrite_TheFirstOutcomeStandsAndIsCountedOnce(int reports)
    {
        var messages = await SubmitAsync(reports);

        var (rows, late) = await HeldWhileAnotherDeliveryFinishesAsync(messages);

        // The row is as the delivery that finished first wrote it: the later one's write was refused, not merged over it.
        Assert.Null(late);
        foreach (var message in messages)
        {
            var now = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
            Assert.Equal((ReportStatus.Processed, rows[message.ReportId].ProcessedAt, rows[message.ReportId].ETag), (now!.Status, now.ProcessedAt, now.ETag));
        }

        await AssertCountedOnceAsync(messages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task ProcessAsync_DeliveryFailingAfterAnotherProcessedTheReport_LeavesTheProcessedRowAsItIs(int reports)
    {
        var messages = await SubmitAsync(reports);

        // The held delivery's instance holds every category sent (a configuration it has not caught up on yet): its attempt fails.
        var (rows, late) = await HeldWhileAnotherDeliveryFinishesAsync(messages, new Dictionary<string, string?> { ["Intake:HeldCategories"] = string.Join(',', Categories) });

        // It still fails (its message is delivered again, and then finds the reports processed), but its
        // failure is not recorded over the processed rows: no report goes back to 'received' or shows an error.
        Assert.NotNull(late);
        foreach (var message in messages)
        {
            var now = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
            Assert.Equal((ReportStatus.Processed, (string?)null, rows[message.ReportId].ETag), (now!.Status, now.LastError, now.ETag));
        }

        await AssertCountedOnceAsync(messages);
    }

    /// <summary>
    /// Delivers <paramref name="messages"/> on an instance (with <paramref name="settings"/>) whose first write of an
    /// outcome to the index is held; meanwhile another delivery of the same message processes every report; then the
    /// held write goes on.
    /// </summary>
    /// <returns>The rows as the other delivery left them, and what the held delivery threw (null when it ended well).</returns>
    private async Task<(Dictionary<Guid, ReportIndexEntry> Rows, Exception? Late)> HeldWhileAnotherDeliveryFinishesAsync(
        List<ProcessReportMessage> messages, Dictionary<string, string?>? settings = null)
    {
        var hold = new HoldRowWriteTransport();
        await using var held = storage.BuildServices(settings: settings, configure: s => s.AddSingleton(new StorageClientTransport(hold)));
        // The held delivery reads (or, on a first delivery, is told) the rows as 'received', then its write waits.
        var late = Task.Run(() => held.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 1, Ct), Ct);
        await hold.Holding.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await _second.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 1, Ct);
        var rows = await ProcessedRowsAsync(messages);

        hold.Release();
        try
        {
            await late.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            return (rows, null);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            return (rows, e);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task ProcessAsync_ForcedReprocessRacingTheOrdinaryDelivery_OneProcessedRowCountedOnce(int reports)
    {
        var messages = await SubmitAsync(reports);
        var forced = messages.Select(m => m with { Force = true }).ToList();

        await Task.WhenAll(
            Task.Run(() => _first.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 1, Ct), Ct),
            Task.Run(() => _second.GetRequiredService<ReportBatchProcessor>().ProcessAsync(forced, 1, Ct), Ct));

        var rows = await ProcessedRowsAsync(messages);
        await AssertCountedOnceAsync(messages);

        // An ordinary delivery after the race leaves the rows as the race left them.
        await _first.GetRequiredService<ReportBatchProcessor>().ProcessAsync(messages, 2, Ct);
        foreach (var message in messages)
        {
            Assert.Equal(rows[message.ReportId].ProcessedAt, (await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct))!.ProcessedAt);
        }

        await AssertCountedOnceAsync(messages);
    }

    /// <summary>Every report's row is processed, by one attempt, with the category it was sent with.</summary>
    private async Task<Dictionary<Guid, ReportIndexEntry>> ProcessedRowsAsync(List<ProcessReportMessage> messages)
    {
        var rows = new Dictionary<Guid, ReportIndexEntry>();
        foreach (var message in messages)
        {
            var row = await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct);
            Assert.NotNull(row);
            Assert.Equal((ReportStatus.Processed, 1, CategoryOf(message.ReportId, messages)), (row.Status, row.Attempts, row.Classification!.Category));
            Assert.NotNull(row.ProcessedAt);
            rows[message.ReportId] = row;
        }

        Assert.Equal(messages.Count, await new StorageProbe(_first).RowCountAsync(Ct));
        return rows;
    }

    /// <summary>The tally counts each report once, in its own category, and lists it in one cell only.</summary>
    private async Task AssertCountedOnceAsync(List<ProcessReportMessage> messages)
    {
        var cells = new List<TallyCell>();
        await foreach (var cell in _first.GetRequiredService<DailyTally>().ReadAsync(messages[0].ReceivedOn, messages[0].ReceivedOn, Ct))
        {
            cells.Add(cell);
        }

        Assert.Equal(messages.Count, cells.Sum(c => c.Counts.Reports));
        var listed = cells.SelectMany(c => c.Counts.Entries).Select(e => (e.ReportId, e.Category)).Order().ToList();
        Assert.Equal(messages.Select(m => (m.ReportId, CategoryOf(m.ReportId, messages))).Order(), listed);
        foreach (var category in messages.Select(m => CategoryOf(m.ReportId, messages)).Distinct())
        {
            Assert.Equal(
                messages.Count(m => CategoryOf(m.ReportId, messages) == category),
                cells.Sum(c => c.Counts.Categories.GetValueOrDefault(category)));
        }
    }

    private static readonly string[] Categories = ["killing", "abduction-disappearance", "sexual-violence"];

    private static string CategoryOf(Guid reportId, List<ProcessReportMessage> messages) =>
        Categories[messages.FindIndex(m => m.ReportId == reportId) % Categories.Length];

    /// <summary>Submits reports through intake and takes every report its batcher queued, as one message naming them all.</summary>
    private async Task<List<ProcessReportMessage>> SubmitAsync(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var report = SampleReports.Valid();
            report["category"] = Categories[i % Categories.Length];
            var outcome = await _first.GetRequiredService<ReportIntake>().SubmitJsonAsync(SampleReports.Bytes(report), Ct);
            Assert.Equal(SubmissionResult.Accepted, outcome.Result);
            ids.Add(outcome.ReportId!.Value);
        }

        await _first.GetRequiredService<ProcessingBatcher>().FlushAsync(Ct);
        var queue = _first.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.ProcessingQueue);
        var queued = new List<ProcessReportMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (queued.Count < count && DateTime.UtcNow < deadline)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), Ct)).Value)
            {
                queued.AddRange(ProcessingQueue.DeserializeAll(message.Body.ToString()));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }

        // In submission order, so that CategoryOf names each report's category.
        Assert.Equal(ids, queued.Select(m => m.ReportId).OrderBy(ids.IndexOf));
        return [.. queued.OrderBy(m => ids.IndexOf(m.ReportId))];
    }
}
