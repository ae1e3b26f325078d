using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Tests.Support;
using Intake.Testing.Smtp;
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

    [Fact]
    public async Task RunAsync_RelayDownForOneRun_TheNextRunSendsEveryFailedDeliveryOfTheWindowOnce()
    {
        // Arrange: the real clock, a two-day window, a relay that is down (its port refuses connections).
        using var down = RecordingSmtpServer.Down();
        var port = down.Port;
        var settings = new Dictionary<string, string?>
        {
            ["Digest:CatchUpDays"] = "2",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "digest@intake.test",
        };
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var desk = new Subscriber(Guid.NewGuid(), "desk@example.org", ["*"], null);
        IReadOnlyList<DateOnly> compiledWhileDown;
        await using (var whileDown = storage.BuildServices(settings: settings))
        {
            await whileDown.GetRequiredService<SubscriberStore>().AddAsync(desk, Ct);
            compiledWhileDown = await whileDown.GetRequiredService<DailyDigestRun>().RunAsync(Ct);
        }

        // Act: the relay is back for the next run (a new process, as after a restart or the next
        // morning); a subscriber added meanwhile must get no past day.
        await using var relay = down.ComesBack();
        await using var up = storage.BuildServices(settings: settings);
        await up.GetRequiredService<SubscriberStore>().AddAsync(new Subscriber(Guid.NewGuid(), "new-desk@example.org", ["*"], null), Ct);
        await up.GetRequiredService<DailyDigestRun>().RunAsync(Ct);
        var afterSecondRun = await relay.WaitForAsync(3, TimeSpan.FromSeconds(30), Ct);
        await up.GetRequiredService<DailyDigestRun>().RunAsync(Ct);
        await Task.Delay(500, Ct);

        // Assert: both days failed while down; then each owed delivery arrived exactly once.
        Assert.Equal([yesterday.AddDays(-1), yesterday], compiledWhileDown);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [("desk@example.org", Day(yesterday.AddDays(-1))), ("desk@example.org", Day(yesterday)), ("new-desk@example.org", Day(yesterday))],
            afterSecondRun.Select(m => (m.To.Mailboxes.Single().Address, m.Headers["X-Intake-Digest-Day"])).Order());
        Assert.Equal(3, relay.Messages.Count);
    }
}
