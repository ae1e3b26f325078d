using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Intake.Core.Configuration;
using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Reconciliation;

[Collection(StorageCollection.Name)]
public sealed class ReconcilerTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= storage.BuildServices(_time);

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();

    private Task<RawSubmission> StoreRawOnlyAsync() => StoreRawOnlyAsync(Services);

    private async Task<RawSubmission> StoreRawOnlyAsync(IServiceProvider services)
    {
        var id = Guid.NewGuid();
        var body = SampleReports.Bytes(SampleReports.Valid(id));
        var submission = new RawSubmission(id, Convert.ToHexStringLower(SHA256.HashData(body)), _time.GetUtcNow(), "json", body.Length);
        await services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(submission, body, "application/json", Ct);
        return submission;
    }

    [Fact]
    public async Task RunAsync_SubmissionsReceivedBeforeTheWindow_AreNotListed()
    {
        // The clock starts three days back, so that storage's own LastModified of every blob is inside
        // the window: only a listing by receipt would leave the old ones out.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3));
        await using var services = storage.BuildServices(time);
        var reconciler = services.GetRequiredService<Reconciler>();
        await reconciler.RunAsync(Ct); // the first pass of this version: records when tagging began
        var old = new List<RawSubmission>();
        for (var i = 0; i < 5; i++)
        {
            old.Add(await StoreRawOnlyAsync(services, time));
        }

        time.Advance(TimeSpan.FromDays(3));
        var recent = await StoreRawOnlyAsync(services, time);

        var summary = await reconciler.RunAsync(Ct);

        Assert.Equal(new ReconcileSummary(1, 1, 0), summary);
        var index = services.GetRequiredService<ReportIndex>();
        Assert.NotNull(await index.GetAsync(recent.ReceivedOn, recent.ReportId, Ct));
        foreach (var submission in old)
        {
            Assert.Null(await index.GetAsync(submission.ReceivedOn, submission.ReportId, Ct));
        }
    }

    [Fact]
    public async Task RunAsync_WhileAnotherInstanceRunsAPass_SkipsAndTouchesNothing()
    {
        var submission = await StoreRawOnlyAsync();
        // Instance A's index reads are slow, so its pass holds the lease while B starts one.
        await using var slow = storage.BuildServices(_time, configure: s => s.AddSingleton(new StorageClientTransport(new SlowRequestsTransport("/reports()", TimeSpan.FromSeconds(2)))));
        var first = slow.GetRequiredService<Reconciler>().RunAsync(Ct);
        await WaitUntilLeasedAsync();

        var second = await Services.GetRequiredService<Reconciler>().RunAsync(Ct);

        Assert.True(second.Skipped);
        Assert.Equal(new ReconcileSummary(0, 0, 0) { Skipped = true }, second);
        var ran = await first;
        Assert.False(ran.Skipped);
        Assert.Equal(1, ran.RowsCreated);
        Assert.Equal(submission.ReportId, Assert.Single(await new StorageProbe(Services).PeekAsync(StorageNames.ProcessingQueue, Ct)).ReportId);
        var after = await Services.GetRequiredService<Reconciler>().RunAsync(Ct);
        Assert.False(after.Skipped); // the lease was released at the end of A's pass
    }

    private async Task WaitUntilLeasedAsync()
    {
        var blob = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.Digests).GetBlobClient(ReconcilerLease.BlobName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await blob.ExistsAsync(timeout.Token) && (await blob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.LeaseState == LeaseState.Leased)
            {
                return;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<RawSubmission> StoreRawOnlyAsync(IServiceProvider services, TimeProvider time)
    {
        var id = Guid.NewGuid();
        var body = SampleReports.Bytes(SampleReports.Valid(id));
        var submission = new RawSubmission(id, Convert.ToHexStringLower(SHA256.HashData(body)), time.GetUtcNow(), "json", body.Length);
        await services.GetRequiredService<RawSubmissionStore>().TryCreateAsync(submission, body, "application/json", Ct);
        return submission;
    }

    [Fact]
    public async Task RunAsync_RawSubmissionWithoutRow_IndexesAndQueuesIt()
    {
        var submission = await StoreRawOnlyAsync();

        var summary = await Services.GetRequiredService<Reconciler>().RunAsync(Ct);

        Assert.Equal(new ReconcileSummary(1, 1, 0), summary);
        var row = await Services.GetRequiredService<ReportIndex>().GetAsync(submission.ReceivedOn, submission.ReportId, Ct);
        Assert.Equal(ReportStatus.Received, row!.Status);
        Assert.Equal(submission.Sha256, row.Sha256);
        Assert.Equal(submission.ReportId, Assert.Single(await new StorageProbe(Services).PeekAsync(StorageNames.ProcessingQueue, Ct)).ReportId);
    }

    [Fact]
    public async Task RunAsync_QueuesAReport_ItsMessageNeverExpiresWhateverTheLookback()
    {
        // A processing outage longer than the look-back plus the storage default of 7 days must not
        // strand a report: the re-drive stops at the look-back, so its last message must not expire.
        await StoreRawOnlyAsync();

        await Services.GetRequiredService<Reconciler>().RunAsync(Ct);

        var queue = Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.ProcessingQueue);
        var message = Assert.Single((await queue.PeekMessagesAsync(32, Ct)).Value);
        var lookback = Services.GetRequiredService<IOptions<IntakeOptions>>().Value.ReconcileLookback;
        Assert.True(message.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100), $"expires {message.ExpiresOn:O}, look-back {lookback}");
    }

    [Theory]
    [InlineData("2.00:00:00", "2.00:00:00")]
    [InlineData("3.00:00:00", "2.00:00:00")]
    [InlineData("00:15:00", "00:10:00")]
    public async Task Settings_RedriveAfterNotShorterThanTheLookback_StopStartUpNamingBoth(string redriveAfter, string lookback)
    {
        await using var services = storage.BuildServices(settings: new Dictionary<string, string?> { ["Intake:RedriveAfter"] = redriveAfter, ["Intake:ReconcileLookback"] = lookback });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IntakeOptions>>().Value);

        Assert.Contains("Intake:RedriveAfter", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Intake:ReconcileLookback", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RowReceivedRecently_IsLeftAlone()
    {
        var submission = await StoreRawOnlyAsync();
        await Services.GetRequiredService<ReportIndex>().TryAddReceivedAsync(submission, Ct);

        var summary = await Services.GetRequiredService<Reconciler>().RunAsync(Ct);

        Assert.Equal(new ReconcileSummary(1, 0, 0), summary);
        Assert.Empty(await new StorageProbe(Services).PeekAsync(StorageNames.ProcessingQueue, Ct));
    }

    [Fact]
    public async Task RunAsync_RowStillReceivedPastRedriveInterval_IsQueuedAgainOnce()
    {
        // Indexed, then the process died before the message was sent.
        var submission = await StoreRawOnlyAsync();
        await Services.GetRequiredService<ReportIndex>().TryAddReceivedAsync(submission, Ct);
        _time.Advance(TimeSpan.FromMinutes(16));
        var reconciler = Services.GetRequiredService<Reconciler>();

        var first = await reconciler.RunAsync(Ct);
        var second = await reconciler.RunAsync(Ct);

        Assert.Equal(1, first.Requeued);
        Assert.Equal(0, second.Requeued);
        Assert.Single(await new StorageProbe(Services).PeekAsync(StorageNames.ProcessingQueue, Ct));
    }

    [Fact]
    public async Task RunAsync_ProcessedRow_IsNeverRequeued()
    {
        var submission = await StoreRawOnlyAsync();
        var index = Services.GetRequiredService<ReportIndex>();
        await index.TryAddReceivedAsync(submission, Ct);
        await index.MarkProcessedAsync(submission.ReceivedOn, submission.ReportId, new ReportClassification("killing", ["RF2"], 3, new DateOnly(2026, 11, 1), "day", null, null, null, null, "media", "unknown"), 1, _time.GetUtcNow(), Ct);
        _time.Advance(TimeSpan.FromHours(2));

        var summary = await Services.GetRequiredService<Reconciler>().RunAsync(Ct);

        Assert.Equal(0, summary.Requeued);
    }
}
