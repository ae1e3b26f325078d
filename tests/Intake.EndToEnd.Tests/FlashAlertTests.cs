using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing.Smtp;
using Intake.Testing.Webhooks;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// Flash alerts through the self-host: a real webhook receiver (Kestrel on 127.0.0.1) that
/// verifies signatures and goes down for a while, and the real SMTP test server.
/// </summary>
/// <remarks>
/// Outside the end-to-end collection, so that it runs beside it: every host here is its own, over
/// its own Azurite, SMTP server and receivers on ports the kernel chooses. The tests that count
/// deliveries start a fresh host; the validation and backtest tests share <see cref="SharedHost"/>.
/// </remarks>
public sealed class FlashAlertTests(FlashAlertTests.SharedHost shared) : IClassFixture<FlashAlertTests.SharedHost>
{
    private static readonly string[] CentralAfrica = ["CF"];
    private static readonly string[] OneBadRegion = ["CF", "ZZ"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SelfHostInstance> StartHostAsync(RecordingSmtpServer smtp) =>
        await SelfHostInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Smtp:From"] = "flash@intake.test",
                // Short backoff so that the test sees several retries while the receiver is down.
                ["Flash:FirstRetryDelay"] = "00:00:01",
                ["Flash:MaxRetryDelay"] = "00:00:03",
            },
            cancellationToken: Ct);

    private static async Task<string> SubmitProcessedAsync(SelfHostInstance host, string admin1, int severity, int killed, string? category = null, HttpClient? client = null, bool share = true)
    {
        var report = ReportClient.NewReport(category);
        if (!share)
        {
            report.Remove("reporter");
            report["consent"] = new JsonObject { ["followUp"] = false, ["shareWithPartners"] = false };
        }

        report["occurredAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["location"]!["country"] = "CF";
        report["location"]!["admin1"] = admin1;
        report["severity"] = severity;
        report["killed"] = killed;
        using var response = await (client ?? host.Client).PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)report["submissionId"]!;
        // A submitter sees only its own reports: ask as the one who sent it.
        await (client ?? host.Client).WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(60), Ct);
        return id;
    }

    private static async Task<JsonArray> WaitForFailedWebhookDeliveriesAsync(SelfHostInstance host, int count, int attempts, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var failing = await host.AdminClient.GetAsync(new Uri("/api/admin/flash/deliveries?status=failed", UriKind.Relative), Ct);
            var failed = (await failing.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
            var webhooks = failed.Where(d => (string)d!["channel"]! == "webhook").ToList();
            if ((webhooks.Count >= count && webhooks.All(d => (int)d!["attempts"]! >= attempts)) || DateTime.UtcNow > deadline)
            {
                return failed;
            }

            await Task.Delay(250, Ct);
        }
    }

    [Fact]
    public async Task Flash_ReceiverDownThenBack_EveryDeliveryArrivesSignedOnceAndTheEmailIsSent()
    {
        await using var smtp = RecordingSmtpServer.Start();
        await using var host = await StartHostAsync(smtp);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var registered = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/flash/webhooks", UriKind.Relative), new { url = receiver.Url, regions = CentralAfrica }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var webhook = await registered.ReadJsonAsync(Ct);
        receiver.Secret = (string)webhook["secret"]!;
        using var subscribed = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/subscribers", UriKind.Relative), new { email = "car-flash@example.org", regions = CentralAfrica, flash = true }, Ct);
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        // Up: a mass-casualty report is flashed at once.
        var first = await SubmitProcessedAsync(host, "Ouaka", 5, 12);
        await receiver.WaitForDistinctAsync(1, TimeSpan.FromSeconds(30), Ct);

        // Down: an attack on aid workers elsewhere, another mass-casualty area; and a repeat in
        // Ouaka within the window, which must not flash again.
        await receiver.StopAsync();
        var second = await SubmitProcessedAsync(host, "Vakaga", 3, 0, "attack-on-humanitarian-personnel");
        var third = await SubmitProcessedAsync(host, "Haute-Kotto", 5, 15);
        await SubmitProcessedAsync(host, "Ouaka", 5, 20);
        // Until both webhook deliveries have failed a retry as well (1 s, then up to 3 s, apart), not for a fixed time.
        var failed = await WaitForFailedWebhookDeliveriesAsync(host, count: 2, attempts: 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, failed.Count(d => (string)d!["channel"]! == "webhook"));
        Assert.All(failed, d => Assert.True((int)d!["attempts"]! >= 2, "retried while the receiver was down"));
        Assert.All(failed, d => Assert.StartsWith("connection failed", (string)d!["lastError"]!, StringComparison.Ordinal));

        // Back: the retries arrive.
        await receiver.StartAgainAsync(Ct);
        var received = await receiver.WaitForDistinctAsync(3, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        received = receiver.Received;

        Assert.All(received, r => Assert.True(r.SignatureValid, "signature verifies"));
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(r => r.DeliveryId).Distinct().Count());
        Assert.All(received, r => Assert.Equal(r.DeliveryId, (string)r.Body["deliveryId"]!));
        Assert.Equal(
            [(first, "mass-casualty"), (second, "humanitarian-attack"), (third, "mass-casualty")],
            received.Select(r => ((string)r.Body["reportId"]!, (string)r.Body["rule"]!)).OrderBy(p => p.Item1 == first ? 0 : p.Item1 == second ? 1 : 2));
        Assert.All(received, r => Assert.Equal("intake-flash/1", (string)r.Body["schema"]!));
        var example = ReportClient.NewReport();
        Assert.All(received, r =>
        {
            var text = r.Body.ToJsonString();
            Assert.DoesNotContain((string)example["reporter"]!["id"]!, text, StringComparison.Ordinal);
            Assert.DoesNotContain((string)example["reporter"]!["contact"]!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(((string)example["narrative"]!)[..30], text, StringComparison.Ordinal);
        });

        // The e-mail: three flashes to the opted-in subscriber, through the real SMTP server.
        var mails = await smtp.WaitForAsync(3, TimeSpan.FromSeconds(30), Ct);
        Assert.All(mails, m => Assert.StartsWith("FLASH: ", m.Subject ?? "", StringComparison.Ordinal));
        // Areas are named by the code the place resolved to: Vakaga is CF-VK, Ouaka CF-UK.
        Assert.All(mails, m => Assert.Equal("car-flash@example.org", m.To.Mailboxes.Single().Address));
        Assert.Contains(mails, m => (m.Subject ?? "").Contains("Vakaga (CF-VK), CF", StringComparison.Ordinal) && (m.TextBody ?? "").Contains(second, StringComparison.Ordinal));

        // Admins see every delivery delivered, and can redeliver one: the same id and body, signed.
        using var listed = await host.AdminClient.GetAsync(new Uri("/api/admin/flash/deliveries", UriKind.Relative), Ct);
        var deliveries = (await listed.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.Equal(6, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("delivered", (string)d!["status"]!));
        var again = received[0].DeliveryId;
        using var redeliver = await host.AdminClient.PostAsync(new Uri($"/api/admin/flash/deliveries/{again}/redeliver", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        await receiver.WaitForCountAsync(4, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(again, receiver.Received[3].DeliveryId);
        Assert.True(receiver.Received[3].SignatureValid);

        // Audited, as every admin operation.
        using var audit = await host.AdminClient.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct);
        var auditText = await audit.Content.ReadAsStringAsync(Ct);
        Assert.Contains("RedeliverFlash", auditText, StringComparison.Ordinal);
        Assert.Contains("AddFlashWebhook", auditText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_ReportWithoutConsentToShare_ReachesTheInternalWebhookOnly()
    {
        await using var smtp = RecordingSmtpServer.Start();
        await using var host = await StartHostAsync(smtp);
        await using var staff = await WebhookReceiver.StartAsync(Ct);
        await using var partner = await WebhookReceiver.StartAsync(Ct);
        foreach (var (receiver, audience) in new[] { (staff, "internal"), (partner, "partner") })
        {
            using var registered = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/flash/webhooks", UriKind.Relative), new { url = receiver.Url, regions = CentralAfrica, audience }, Ct);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var created = await registered.ReadJsonAsync(Ct);
            Assert.Equal(audience, (string)created["audience"]!);
            receiver.Secret = (string)created["secret"]!;
        }

        // Two mass-casualty reports in two areas: the first not to be shared, the second shared.
        var unshared = await SubmitProcessedAsync(host, "Ouaka", 5, 12, share: false);
        var shared = await SubmitProcessedAsync(host, "Vakaga", 5, 14);
        await staff.WaitForDistinctAsync(2, TimeSpan.FromSeconds(30), Ct);
        await partner.WaitForDistinctAsync(1, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Equal(new[] { shared, unshared }.Order(StringComparer.Ordinal), staff.Received.Select(r => (string)r.Body["reportId"]!).Order(StringComparer.Ordinal));
        var toPartner = Assert.Single(partner.Received);
        Assert.Equal(shared, (string)toPartner.Body["reportId"]!);
        Assert.DoesNotContain(unshared, toPartner.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlashSweep_OutbreakInOneArea_FlashesOnceNamingTheAreaAndNotAgain()
    {
        await using var smtp = RecordingSmtpServer.Start();
        await using var host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Smtp:From"] = "flash@intake.test",
                ["FlashSweepSchedule"] = "* * * * * *",
            },
            cancellationToken: Ct);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var registered = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/flash/webhooks", UriKind.Relative), new { url = receiver.Url, regions = CentralAfrica }, Ct);
        receiver.Secret = (string)(await registered.ReadJsonAsync(Ct))["secret"]!;
        using var subscribed = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/subscribers", UriKind.Relative), new { email = "car-desk@example.org", regions = CentralAfrica, language = "fr", flash = true }, Ct);
        var otherMonitor = host.CreateClient((await host.IssueTokenAsync(Intake.Core.Access.CallerKind.Submitter, "second monitor", Ct)).Secret);

        // An outbreak in Ouaka, from two independent monitors: six killings today (one killed each:
        // no single report is a mass-casualty flash), where the area has no history.
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await SubmitProcessedAsync(host, "Ouaka", 3, 1, "killing", i % 2 == 0 ? null : otherMonitor));
        }

        var received = await receiver.WaitForDistinctAsync(1, TimeSpan.FromSeconds(60), Ct);
        // Several more sweeps (one a second) see the same alert, still new today: nothing more is sent.
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);

        var flash = Assert.Single(receiver.Received);
        Assert.True(flash.SignatureValid);
        Assert.Equal("intake-area-flash/1", (string)flash.Body["schema"]!);
        Assert.Equal(("CF", "CF-UK", "Ouaka"), ((string)flash.Body["region"]!, (string)flash.Body["area"]!, (string)flash.Body["areaName"]!));
        Assert.Equal("area-spike", (string)flash.Body["rule"]!);
        Assert.Equal("new", (string)flash.Body["alert"]!["status"]!);
        Assert.Equal(2, (int)flash.Body["alert"]!["evidence"]!["sources"]!);
        // The sweep may run between the fifth report (the rule's minimum) and the sixth: the evidence
        // names the outbreak's reports it saw, at least five, and nothing else.
        var evidence = flash.Body["alert"]!["evidence"]!["reportIds"]!.AsArray().Select(id => (string)id!).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(ids.ToHashSet(StringComparer.Ordinal), evidence);
        Assert.InRange(evidence.Count, 5, 6);
        Assert.Null(flash.Body["reportId"]);
        var example = ReportClient.NewReport();
        Assert.DoesNotContain(((string)example["narrative"]!)[..30], flash.Body.ToJsonString(), StringComparison.Ordinal);
        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal("FLASH: Incidents in an area far above its 28-day baseline in Ouaka (CF-UK), CF", mail.Subject);
        Assert.Contains(ids[0], mail.TextBody ?? "", StringComparison.Ordinal);
        using var listed = await host.AdminClient.GetAsync(new Uri("/api/admin/flash/deliveries", UriKind.Relative), Ct);
        Assert.Equal(2, (await listed.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Count);
    }

    [Theory]
    [InlineData("ftp://example.org/hook")]
    [InlineData("http://example.org/hook")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:pass@example.org/hook")]
    [InlineData("")]
    public async Task AddWebhook_NotHttpsOrNotAbsolute_Is422NamingUrl(string url)
    {
        var host = shared.Host;

        using var response = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/flash/webhooks", UriKind.Relative), new { url, regions = OneBadRegion }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadJsonAsync(Ct);
        Assert.Equal(["url", "regions.1"], problem.Fields());
        Assert.DoesNotContain("secret", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_BadDatesOrRules_Is422NamingTheField_AndAGoodRangeAnswersEachDay()
    {
        var host = shared.Host;
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var weekAgo = DateTime.UtcNow.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var badRules = JsonNode.Parse("""{"version": 3, "rules": [{"id": "x", "kind": "risk-factor", "riskFactors": ["RF99"], "minReports": 1}]}""");
        await SubmitProcessedAsync(host, "Ouaka", 5, 12);

        using var badDates = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/alerts/backtest", UriKind.Relative), new { from = "2026-02-30", to = "tomorrow" }, Ct);
        using var badRange = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/alerts/backtest", UriKind.Relative), new { from = today, to = weekAgo }, Ct);
        using var bad = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/alerts/backtest", UriKind.Relative), new JsonObject { ["from"] = weekAgo, ["to"] = today, ["rules"] = badRules }, Ct);
        using var good = await host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/alerts/backtest", UriKind.Relative), new { from = weekAgo, to = today }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDates.StatusCode);
        Assert.Equal(["from", "to"], (await badDates.ReadJsonAsync(Ct)).Fields());
        Assert.Equal(["to"], (await badRange.ReadJsonAsync(Ct)).Fields());
        var rulesProblem = await bad.ReadJsonAsync(Ct);
        Assert.Equal(["rules"], rulesProblem.Fields());
        Assert.Contains("RF99", rulesProblem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var result = await good.ReadJsonAsync(Ct);
        var days = result["days"]!.AsArray();
        Assert.Equal(7, days.Count);
        var last = days[^1]!;
        Assert.Equal(today, (string)last["day"]!);
        Assert.Contains(last["alerts"]!.AsArray(), a => (string)a!["rule"]! == "severity-5" && (string?)a["area"] == "CF-UK");
    }

    /// <summary>
    /// One host for the tests that neither count deliveries nor mails: a refused webhook leaves
    /// nothing behind, and the backtest looks for its own report's alert among the day's.
    /// </summary>
    public sealed class SharedHost : IAsyncLifetime
    {
        private SelfHostInstance? _host;

        /// <summary>The SMTP server the host sends flash mails to.</summary>
        public RecordingSmtpServer Smtp { get; } = RecordingSmtpServer.Start();

        /// <summary>The running host.</summary>
        public SelfHostInstance Host => _host ?? throw new InvalidOperationException("Not started.");

        /// <inheritdoc />
        public async ValueTask InitializeAsync() => _host = await StartHostAsync(Smtp);

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            await Smtp.DisposeAsync();
        }
    }
}
