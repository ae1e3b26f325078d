using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Digest.Tally;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests.Faults;

/// <summary>
/// The self-host, as its own process, killed with SIGKILL while clients are sending, then started
/// again over the same (on-disk) storage. Nothing of the host's shutdown code runs.
/// </summary>
public sealed class HostCrashTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"intake-crash-{Guid.NewGuid():N}");
    private AzuriteInstance? _azurite;
    private SelfHostProcess? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How long every acknowledged report may take to be processed once the host is back.</summary>
    private static readonly TimeSpan AfterRestart = TimeSpan.FromSeconds(90);

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(_data, Ct);
        _host = await SelfHostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["DigestSchedule"] = "0 0 6 * * *",
                ["AzureWebJobs.DailyDigest.Disabled"] = "true",
                ["ReconcileSchedule"] = "*/5 * * * * *",
                // Messages the dead host had taken stay invisible for the queue runtime's lease
                // (minutes); the restarted host's start-up pass re-drives rows left 'received'.
                ["Intake:RedriveAfter"] = "00:00:02",
            },
            Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task HostKilledMidStream_EveryAcknowledgedReportIsKeptIndexedAndProcessedOnce()
    {
        var host = _host!;
        var storage = new StoredReports(_azurite!.ConnectionString);
        var token = await StoredTokens.IssueAsync(_azurite.ConnectionString, CallerKind.Submitter, "crash-test form client", Ct);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.WithBearer(token);
        using var stream = SubmissionStream.Start(client, clients: 8);

        await stream.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(30), Ct);
        var killedAt = DateTimeOffset.UtcNow;
        await host.KillAsync();
        var acknowledgedBeforeKill = stream.Acknowledged.Count;
        // Down for longer than the re-drive interval, as a crashed host is before it restarts.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await host.StartAgainAsync(Ct);
        await stream.WaitForAcknowledgedAsync(acknowledgedBeforeKill + 40, TimeSpan.FromSeconds(30), Ct);
        await stream.StopAsync(finishWithin: TimeSpan.FromSeconds(30));

        // The kill cut requests in flight (sent before it, broken after), no request was answered
        // with a server error, and every cut report was sent again until it was acknowledged.
        Assert.NotEmpty(CutInFlight(stream, killedAt));
        Assert.Empty(stream.Pending);
        Assert.DoesNotContain(stream.Answers, a => a.Status >= 500);
        var acknowledged = stream.Acknowledged.Values.ToList();
        // The restarted host's timers wait out the dead host's listener lock (up to about 30 s) before
        // the reconciler's passes re-drive what it left; processing takes the rest.
        var rows = await AcknowledgedReportsAssert.AllKeptAndProcessedAsync(storage, acknowledged, AfterRestart, Ct);

        // Every stored submission, acknowledged or cut off before its answer, has exactly one row, and is counted once.
        var rawIds = await storage.RawIdsAsync(Ct);
        Assert.Equal(rawIds.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        await AssertCountedOnceAsync(rows);

        // A processed report stays as it is: late duplicate messages for every report (as a message
        // the dead host had taken comes back when its lease ends) are processed and change nothing.
        var processedAt = rows.ToDictionary(r => r.Key, r => r.Value.GetDateTimeOffset("ProcessedAt"), StringComparer.Ordinal);
        var late = rows.Values.Select(r => new ProcessReportMessage(Guid.Parse(r.RowKey), DateOnly.ParseExact(r.PartitionKey, "yyyyMMdd", CultureInfo.InvariantCulture))).ToList();
        await LateMessagesProcessedAsync(late, TimeSpan.FromSeconds(30));
        var later = await storage.RowsAsync(Ct);
        foreach (var (id, at) in processedAt)
        {
            Assert.Equal(("processed", at), (later[id].GetString("Status"), later[id].GetDateTimeOffset("ProcessedAt")));
        }

        await AssertCountedOnceAsync(later);
    }

    [Fact]
    public async Task HostKilledWithRequestsInFlight_AcknowledgedKeptAndCountedOnce_CutOnesAbsentOrWhole()
    {
        var host = _host!;
        var storage = new StoredReports(_azurite!.ConnectionString);
        var token = await StoredTokens.IssueAsync(_azurite.ConnectionString, CallerKind.Submitter, "crash-test form client", Ct);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.WithBearer(token);
        // Each report is sent once: a request the kill cuts is never sent again, so what it left in storage shows.
        using var stream = SubmissionStream.Start(client, clients: 12, resend: false);

        await stream.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(30), Ct);
        var killedAt = DateTimeOffset.UtcNow;
        await host.KillAsync();
        var acknowledgedBeforeKill = stream.Acknowledged.Count;
        await host.StartAgainAsync(Ct);
        await stream.WaitForAcknowledgedAsync(acknowledgedBeforeKill + 20, TimeSpan.FromSeconds(30), Ct);
        await stream.StopAsync(finishWithin: TimeSpan.FromSeconds(30));

        var cut = CutInFlight(stream, killedAt);
        Assert.NotEmpty(cut);
        Assert.DoesNotContain(stream.Answers, a => a.Status >= 500);
        var acknowledged = stream.Acknowledged.Values.ToList();
        await AcknowledgedReportsAssert.AllKeptAndProcessedAsync(storage, acknowledged, AfterRestart, Ct);

        // A report without an answer is absent, or stored whole (the bytes sent, by SHA-256) and then
        // indexed and processed like any other: never half-stored, never stuck.
        var rawIds = await storage.RawIdsAsync(Ct);
        var storedUnanswered = stream.Abandoned.Values.Where(r => rawIds.Contains(r.Id)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{stream.Acknowledged.Count} acknowledged, {cut.Count} requests cut in flight by the kill, {stream.Abandoned.Count} reports without an answer, {storedUnanswered.Count} of them stored.");
        foreach (var report in storedUnanswered)
        {
            var bytes = await storage.RawBytesAsync(report.Id, Ct);
            Assert.Equal(report.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes!)));
        }

        Assert.Equal(
            acknowledged.Select(r => r.Id).Concat(storedUnanswered.Select(r => r.Id)).Order(StringComparer.Ordinal),
            rawIds.Order(StringComparer.Ordinal));
        var rows = await storage.WaitUntilProcessedAsync(rawIds, AfterRestart, Ct);
        Assert.Equal(rawIds.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var report in storedUnanswered)
        {
            Assert.Equal((report.Sha256, report.Category), (rows[report.Id].GetString("Sha256"), rows[report.Id].GetString("Category")));
        }

        await AssertCountedOnceAsync(rows);
    }

    /// <summary>Sends that started before the kill and ended without an answer: the requests it cut.</summary>
    private static List<StreamAnswer> CutInFlight(SubmissionStream stream, DateTimeOffset killedAt) =>
        [.. stream.Answers.Where(a => a.TransportError is not null && a.At - a.Elapsed < killedAt)];

    /// <summary>The digest tally counts every processed row exactly once, in its own category.</summary>
    private async Task AssertCountedOnceAsync(Dictionary<string, TableEntity> rows)
    {
        Assert.All(rows.Values, r => Assert.Equal("processed", r.GetString("Status")));
        var days = rows.Values.Select(r => DateOnly.ParseExact(r.PartitionKey, "yyyyMMdd", CultureInfo.InvariantCulture)).ToList();
        var tally = new DailyTally(new TableServiceClient(_azurite!.ConnectionString), TimeProvider.System);
        var cells = new List<TallyCell>();
        await foreach (var cell in tally.ReadAsync(days.Min(), days.Max(), Ct))
        {
            cells.Add(cell);
        }

        Assert.Equal(rows.Count, cells.Sum(c => c.Counts.Reports));
        foreach (var category in rows.Values.GroupBy(r => r.GetString("Category")))
        {
            Assert.Equal(category.Count(), cells.Sum(c => c.Counts.Categories.GetValueOrDefault(category.Key)));
        }
    }

    /// <summary>Queues <paramref name="reports"/> again, one batch message each 32, and waits until the running host has taken and completed them all.</summary>
    private async Task LateMessagesProcessedAsync(IReadOnlyList<ProcessReportMessage> reports, TimeSpan timeout)
    {
        var queues = new QueueServiceClient(_azurite!.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(StorageNames.ProcessingQueue);
        // Every report is processed by now, so what the queue still counts are the messages the killed
        // host had taken: invisible until their lease runs out (minutes), not ours to wait for.
        var heldByTheDeadHost = (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;
        await new ProcessingQueue(queues).EnqueueAsync(reports, Ct);
        var deadline = DateTime.UtcNow + timeout;
        // The count includes messages taken and not yet deleted, so falling back to what was held means every late one was completed.
        int waiting;
        while ((waiting = (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount) > heldByTheDeadHost)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The late messages were not processed within {timeout}: {waiting} messages counted, {heldByTheDeadHost} held by the killed host.");
            await Task.Delay(250, Ct);
        }

        Assert.Empty((await queues.GetQueueClient(StorageNames.PoisonQueue).PeekMessagesAsync(32, Ct)).Value);
    }
}
