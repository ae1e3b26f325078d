using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Intake.Core.Configuration;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Storage;

[Collection(StorageCollection.Name)]
public sealed class ReceivedRowsTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly CountingTransport _transport = new();
    private ServiceProvider? _services;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await storage.ClearAsync(Ct);
        _services = storage.BuildServices(configure: s => s.AddSingleton(new StorageClientTransport(_transport)));
    }

    public async ValueTask DisposeAsync() => await _services!.DisposeAsync();

    private ReceivedRows Rows => _services!.GetRequiredService<ReceivedRows>();

    private ReportIndex Index => _services!.GetRequiredService<ReportIndex>();

    [Fact]
    public async Task TryAddAsync_ManyAtOnce_AddsEveryRowInFewerTableCallsThanRowsAndAnswersEachRowsVersion()
    {
        var submissions = Enumerable.Range(0, 60).Select(_ => Submission(DateTimeOffset.UtcNow)).ToList();
        var before = _transport.Requests;

        var added = await Task.WhenAll(submissions.Select(s => Rows.TryAddAsync(s, Ct)));

        var calls = _transport.Requests - before;
        Assert.True(calls < submissions.Count / 2, $"{calls} table calls for {submissions.Count} rows sent at once");
        for (var i = 0; i < submissions.Count; i++)
        {
            var s = submissions[i];
            var row = await Index.GetAsync(s.ReceivedOn, s.ReportId, Ct);
            Assert.Equal(ReportStatus.Received, row?.Status);
            Assert.Equal(s.Sha256, row!.Sha256);
            Assert.Equal(s.SubmitterId, row.SubmitterId);
            // The version the processing message carries is the row's own: a write under it succeeds.
            Assert.Equal(row.ETag, added[i]);
        }
    }

    [Fact]
    public async Task TryAddAsync_OneRowExistsInTheGroup_AnswersItFalseLeavesItAsItWasAndAddsTheOthers()
    {
        var now = DateTimeOffset.UtcNow;
        var existing = Submission(now);
        Assert.True(await Index.TryAddReceivedAsync(existing, Ct));
        await Index.MarkRequeuedAsync(existing.ReceivedOn, existing.ReportId, now, Ct);
        var others = Enumerable.Range(0, 20).Select(_ => Submission(now)).ToList();
        var all = others.Take(10).Append(existing).Concat(others.Skip(10)).ToList();

        var added = await Task.WhenAll(all.Select(s => Rows.TryAddAsync(s, Ct)));

        Assert.Equal(all.Select(s => s != existing), added.Select(a => a is not null));
        var row = await Tables.GetEntityAsync<TableEntity>(ReportIndex.PartitionKey(existing.ReceivedOn), existing.ReportId.ToString("D"), cancellationToken: Ct);
        Assert.Equal(now, row.Value.GetDateTimeOffset("RedrivenAt"));
        foreach (var s in others)
        {
            Assert.NotNull(await Index.GetAsync(s.ReceivedOn, s.ReportId, Ct));
        }
    }

    [Fact]
    public async Task TryAddAsync_SameReportTwiceAtOnce_AddsOneRowAndAnswersTrueOnce()
    {
        var twice = Submission(DateTimeOffset.UtcNow);
        var others = Enumerable.Range(0, 10).Select(_ => Submission(DateTimeOffset.UtcNow)).ToList();

        var added = (await Task.WhenAll(others.Prepend(twice).Append(twice).Select(s => Rows.TryAddAsync(s, Ct)))).Select(a => a is not null).ToArray();

        Assert.Equal([true, false], new[] { added[0], added[^1] }.Order().Reverse());
        Assert.All(added[1..^1], Assert.True);
        Assert.Equal(others.Count + 1, await new StorageProbe(_services!).RowCountAsync(Ct));
    }

    [Fact]
    public async Task TryAddAsync_ReportsOfTwoDaysAtOnce_AddsEachInItsDaysPartition()
    {
        var today = DateTimeOffset.UtcNow;
        var submissions = Enumerable.Range(0, 30).Select(i => Submission(i % 2 == 0 ? today : today.AddDays(-1))).ToList();

        var added = await Task.WhenAll(submissions.Select(s => Rows.TryAddAsync(s, Ct)));

        Assert.All(added, a => Assert.NotNull(a));
        foreach (var s in submissions)
        {
            Assert.NotNull(await Index.GetAsync(s.ReceivedOn, s.ReportId, Ct));
        }
    }

    [Fact]
    public async Task TryAddAsync_TableMissing_FailsEveryCallerInsteadOfHanging()
    {
        await Tables.DeleteAsync(Ct);
        try
        {
            var calls = Enumerable.Range(0, 10).Select(_ => Rows.TryAddAsync(Submission(DateTimeOffset.UtcNow), Ct)).ToList();

            foreach (var call in calls)
            {
                var e = await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => call.WaitAsync(TimeSpan.FromSeconds(30), Ct));
                Assert.Equal(404, e.Status);
            }
        }
        finally
        {
            await Tables.CreateIfNotExistsAsync(Ct);
        }
    }

    [Fact]
    public async Task TryAddAsync_OneTableCallHangs_OtherRowsAreAddedMeanwhileAndTheHungOneFailsAfterTheStorageTimeout()
    {
        var hanging = new HoldFirstTransport();
        await using var services = storage.BuildServices(
            settings: new Dictionary<string, string?> { ["Intake:StorageTimeout"] = "00:00:03" },
            configure: s => s.AddSingleton(new StorageClientTransport(hanging)));
        var rows = services.GetRequiredService<ReceivedRows>();
        var first = Submission(DateTimeOffset.UtcNow);

        var held = rows.TryAddAsync(first, Ct);
        await hanging.Holding.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var others = Enumerable.Range(0, 5).Select(_ => Submission(DateTimeOffset.UtcNow)).ToList();
        var added = await Task.WhenAll(others.Select(o => rows.TryAddAsync(o, Ct))).WaitAsync(TimeSpan.FromSeconds(2), Ct);

        Assert.All(added, a => Assert.NotNull(a));
        Assert.False(held.IsCompleted, "the held row was answered before its call ended");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task TryAddAsync_RowsArrivingWhileACallIsInFlight_WaitForItAndGoTogetherUnlessItIsSlow()
    {
        // Each call takes 30 ms, well under ReceivedRows.SlowCall; a row arrives every 3 ms.
        var slow = new CountingTransport(TimeSpan.FromMilliseconds(30));
        await using var services = storage.BuildServices(configure: s => s.AddSingleton(new StorageClientTransport(slow)));
        var rows = services.GetRequiredService<ReceivedRows>();
        var index = services.GetRequiredService<ReportIndex>();
        var submissions = Enumerable.Range(0, 40).Select(_ => Submission(DateTimeOffset.UtcNow)).ToList();

        var calls = new List<Task<Azure.ETag?>>();
        foreach (var s in submissions)
        {
            calls.Add(rows.TryAddAsync(s, Ct));
            await Task.Delay(3, Ct);
        }

        Assert.All(await Task.WhenAll(calls), a => Assert.NotNull(a));
        // A second call may go only beside one that is slow (ReceivedRows.SlowCall, 200 ms): on a
        // busy machine a 30 ms call can become one. None may start beside a call younger than 100 ms.
        Assert.True(slow.YoungestOverlappedMs is null or >= 100, $"a call started beside one in flight for only {slow.YoungestOverlappedMs} ms");
        Assert.True(slow.Requests < submissions.Count / 3, $"{slow.Requests} table calls for {submissions.Count} rows");
        foreach (var s in submissions)
        {
            Assert.NotNull(await index.GetAsync(s.ReceivedOn, s.ReportId, Ct));
        }
    }

    private TableClient Tables => _services!.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.ReportsTable);

    private static RawSubmission Submission(DateTimeOffset receivedAt) =>
        new(Guid.NewGuid(), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), receivedAt, "json", 321, "token-1");

    /// <summary>The SDK's own HTTP transport, holding the first request until its call is cancelled.</summary>
    private sealed class HoldFirstTransport : HttpClientTransport
    {
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _seen;

        public Task Holding => _holding.Task;

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            if (Interlocked.Increment(ref _seen) == 1)
            {
                _holding.SetResult();
                await Task.Delay(Timeout.Infinite, message.CancellationToken);
            }

            await base.ProcessAsync(message);
        }
    }

    /// <summary>
    /// The SDK's own HTTP transport, counting the requests sent through it and noting, when one
    /// starts beside others in flight, how long the youngest of those had been; each request
    /// optionally takes <paramref name="delay"/> longer, as from a busy storage.
    /// </summary>
    private sealed class CountingTransport(TimeSpan delay = default) : HttpClientTransport
    {
        private readonly Dictionary<HttpMessage, long> _inFlight = [];
        private int _requests;
        private double? _youngestOverlappedMs;

        public int Requests => Volatile.Read(ref _requests);

        public double? YoungestOverlappedMs
        {
            get
            {
                lock (_inFlight)
                {
                    return _youngestOverlappedMs;
                }
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            Interlocked.Increment(ref _requests);
            lock (_inFlight)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                foreach (var started in _inFlight.Values)
                {
                    var age = System.Diagnostics.Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
                    _youngestOverlappedMs = Math.Min(_youngestOverlappedMs ?? double.MaxValue, age);
                }

                _inFlight[message] = now;
            }

            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, message.CancellationToken);
                }

                await base.ProcessAsync(message);
            }
            finally
            {
                lock (_inFlight)
                {
                    _inFlight.Remove(message);
                }
            }
        }
    }
}
