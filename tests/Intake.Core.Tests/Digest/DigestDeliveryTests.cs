using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Tally;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Intake.Testing.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Intake.Core.Tests.Digest;

[Collection(StorageCollection.Name)]
public sealed class DigestDeliveryTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private readonly RecordingSmtpServer _smtp = RecordingSmtpServer.Start();
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "intake-outbox-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services!;

    public async ValueTask InitializeAsync()
    {
        await storage.ClearAsync(Ct);
        _services = Build(smtp: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _smtp.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    private ServiceProvider Build(bool smtp)
    {
        var settings = new Dictionary<string, string?> { ["Digest:OutboxPath"] = _outbox, ["Smtp:From"] = "digest@intake.test" };
        if (smtp)
        {
            settings["Smtp:Host"] = "127.0.0.1";
            settings["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return storage.BuildServices(settings: settings);
    }

    /// <summary>A compiled day with incidents in SD (one of severity 5 with 12 killed) and none elsewhere.</summary>
    private static async Task PublishDayAsync(ServiceProvider services)
    {
        var tally = services.GetRequiredService<DailyTally>();
        foreach (var severity in new[] { 5, 3 })
        {
            await tally.RecordAsync(Day, TalliedReport.From(Guid.NewGuid(), new ReportClassification(
                "killing", ["RF2", "RF11"], severity, Day, "hour", "SD", "North Darfur", severity == 5 ? 12 : 4, 0, "eyewitness", "state-forces")), Ct);
        }

        await services.GetRequiredService<DigestPublisher>().PublishAsync(Day, Ct);
    }

    private static async Task<Subscriber> SubscribeAsync(ServiceProvider services, string email, params string[] regions)
    {
        var subscriber = new Subscriber(Guid.NewGuid(), email, regions, null);
        await services.GetRequiredService<SubscriberStore>().AddAsync(subscriber, Ct);
        return subscriber;
    }

    private static string Html(MimeMessage m) => m.HtmlBody ?? "";

    [Fact]
    public async Task SendAsync_Subscribers_EachGetsTheirRegionsAsHtmlAndTextWithTheChart()
    {
        await PublishDayAsync(Services);
        await SubscribeAsync(Services, "sd@example.org", "SD");
        await SubscribeAsync(Services, "ss@example.org", "SS");

        var outcomes = await Services.GetRequiredService<DigestDelivery>().SendAsync(Day, force: false, subscriberId: null, Ct);

        Assert.All(outcomes!, o => Assert.Equal(("sent", "smtp"), (o.Result, o.Via)));
        var messages = await _smtp.WaitForAsync(2, TimeSpan.FromSeconds(10), Ct);
        var sd = messages.Single(m => m.To.Mailboxes.Single().Address == "sd@example.org");
        var ss = messages.Single(m => m.To.Mailboxes.Single().Address == "ss@example.org");
        Assert.Equal("Situation digest 2026-11-20: 2 new alert(s)", sd.Subject);
        var alternative = Assert.IsType<MultipartAlternative>(sd.Body);
        Assert.Equal(["text/plain", "multipart/related"], alternative.Select(p => p.ContentType.MimeType));
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        var chart = Assert.IsType<MimePart>(related.Single(p => p.ContentType.MimeType == "image/png"));
        Assert.Contains($"src=\"cid:{chart.ContentId}\"", Html(sd), StringComparison.Ordinal);
        Assert.Contains("alt=\"Bar chart of incidents per day in SD", Html(sd), StringComparison.Ordinal);
        Assert.Contains("severity-5", sd.TextBody, StringComparison.Ordinal);
        Assert.Contains("quiet day in your regions (SS)", ss.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("North Darfur", ss.TextBody + Html(ss), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Rerun_DoesNotResendUnlessForced()
    {
        await PublishDayAsync(Services);
        var subscriber = await SubscribeAsync(Services, "all@example.org", "*");
        var delivery = Services.GetRequiredService<DigestDelivery>();
        await delivery.SendAsync(Day, force: false, subscriberId: null, Ct);
        await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(10), Ct);

        var rerun = await delivery.SendAsync(Day, force: false, subscriberId: null, Ct);
        var forced = await delivery.SendAsync(Day, force: true, subscriberId: subscriber.Id, Ct);

        Assert.Equal("skipped", Assert.Single(rerun!).Result);
        Assert.Equal("sent", Assert.Single(forced!).Result);
        Assert.Equal(2, (await _smtp.WaitForAsync(2, TimeSpan.FromSeconds(10), Ct)).Count);
    }

    [Fact]
    public async Task SendAsync_RelayRefusesTwiceWithATransientReply_RetriesAndDeliversOnce()
    {
        await PublishDayAsync(Services);
        await SubscribeAsync(Services, "all@example.org", "*");
        _smtp.RefuseNext(2);

        var outcome = Assert.Single((await Services.GetRequiredService<DigestDelivery>().SendAsync(Day, force: false, subscriberId: null, Ct))!);

        Assert.Equal("sent", outcome.Result);
        Assert.Equal(2, _smtp.Refused);
        Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task SendAsync_RelayKeepsRefusing_FailsAndLeavesTheDeliveryForTheNextRun()
    {
        await PublishDayAsync(Services);
        await SubscribeAsync(Services, "all@example.org", "*");
        _smtp.RefuseNext(100);
        var delivery = Services.GetRequiredService<DigestDelivery>();

        var failed = Assert.Single((await delivery.SendAsync(Day, force: false, subscriberId: null, Ct))!);
        _smtp.RefuseNext(0);
        var next = Assert.Single((await delivery.SendAsync(Day, force: false, subscriberId: null, Ct))!);

        Assert.Equal(("failed", "sent"), (failed.Result, next.Result));
        Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task SendAsync_NoSmtpConfigured_WritesEmlFilesToTheOutbox()
    {
        await using var services = Build(smtp: false);
        await PublishDayAsync(services);
        var subscriber = await SubscribeAsync(services, "all@example.org", "*");

        var outcome = Assert.Single((await services.GetRequiredService<DigestDelivery>().SendAsync(Day, force: false, subscriberId: null, Ct))!);

        Assert.Equal(("sent", "outbox"), (outcome.Result, outcome.Via));
        var file = Path.Combine(_outbox, $"2026-11-20-{subscriber.Id:N}.eml");
        var message = await MimeMessage.LoadAsync(file, Ct);
        Assert.Contains("severity-5", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("cid:", message.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages);
    }
}
