using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Digest;

[Collection(StorageCollection.Name)]
public sealed class DailyDigestRunTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "intake-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services!;

    public async ValueTask InitializeAsync()
    {
        await storage.ClearAsync(Ct);
        _services = storage.BuildServices(_time, new Dictionary<string, string?> { ["Digest:OutboxPath"] = _outbox });
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_HostWasDown_CompilesAndSendsEveryMissingDayOfTheLastWeekOnce()
    {
        // The 25th was compiled before the host went down; nothing since.
        await Services.GetRequiredService<DigestPublisher>().PublishAsync(Today.AddDays(-3), Ct);
        await Services.GetRequiredService<SubscriberStore>().AddAsync(new Subscriber(Guid.NewGuid(), "desk@example.org", ["*"], null), Ct);
        var run = Services.GetRequiredService<DailyDigestRun>();

        var first = await run.RunAsync(Ct);
        var second = await run.RunAsync(Ct);

        Assert.Equal([21, 22, 23, 24, 26, 27], first.Select(d => d.Day));
        Assert.Equal([Today.AddDays(-1)], second);
        var sent = Directory.GetFiles(_outbox, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, sent.Count);
        Assert.StartsWith("2026-11-21-", sent[0], StringComparison.Ordinal);
        Assert.Equal(Today.AddDays(-1), await Services.GetRequiredService<DigestArchive>().LatestAsync(Ct));
    }
}
