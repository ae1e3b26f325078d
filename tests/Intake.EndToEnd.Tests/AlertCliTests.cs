using System.Globalization;
using System.Net;
using Intake.Cli;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing.Webhooks;
using Spectre.Console;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// <c>intake alerts backtest</c> and <c>intake flash ...</c> against a self-host of their own (a
/// mass-casualty report would change what the shared host's other tests see), with a real webhook
/// receiver, reading endpoint and token from the environment as an operator would set them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AlertCliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<(int Code, string Output)> RunAsync(SelfHostInstance host, params string[] args) => CliRun.RunAsync(host.Address, host.AdminToken.Secret, args);

    /// <summary>The cells of the first table row whose first cell is <paramref name="key"/>; empty when there is none.</summary>
    private static string[] Row(string output, string key) =>
        output.Split('\n')
            .Select(line => line.Split('│', '|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0).ToArray())
            .FirstOrDefault(cells => cells.Length > 1 && cells[0] == key) ?? [];

    /// <summary>A mass-casualty report in Ouaka (CF-UK), processed: a flash now and a severity-5 alert in today's digest.</summary>
    private static async Task<string> SubmitMassCasualtyAsync(SelfHostInstance host)
    {
        var report = ReportClient.NewReport();
        report["occurredAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["location"]!["country"] = "CF";
        report["location"]!["admin1"] = "Ouaka";
        report["severity"] = 5;
        report["killed"] = 12;
        using var response = await host.Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)report["submissionId"]!;
        await host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(60), Ct);
        return id;
    }

    [Fact]
    public async Task FlashCommands_AddListDeliveriesRedeliverRemove_ActOnTheLiveHost()
    {
        await using var host = await SelfHostInstance.StartAsync(new Dictionary<string, string?>(), cancellationToken: Ct);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);

        var added = await RunAsync(host, "flash", "webhooks", "add", "--url", receiver.Url, "--region", "CF", "--audience", "internal");
        Assert.Equal(0, added.Code);
        receiver.Secret = added.Output.Split(' ', '\n').Select(w => w.Trim()).Single(w => w.StartsWith("whsec_", StringComparison.Ordinal));
        var webhookId = added.Output.Split(' ', '\n').Select(w => w.Trim()).First(w => Guid.TryParse(w, out _));
        var listed = await RunAsync(host, "flash", "webhooks", "list");
        var report = await SubmitMassCasualtyAsync(host);
        var delivery = Assert.Single(await receiver.WaitForDistinctAsync(1, TimeSpan.FromSeconds(30), Ct));
        var deliveries = await RunAsync(host, "flash", "deliveries");
        var delivered = await RunAsync(host, "flash", "deliveries", "--status", "delivered");
        var failed = await RunAsync(host, "flash", "deliveries", "--status", "failed");
        var badStatus = await RunAsync(host, "flash", "deliveries", "--status", "lost");
        var redelivered = await RunAsync(host, "flash", "redeliver", delivery.DeliveryId);
        await receiver.WaitForCountAsync(2, TimeSpan.FromSeconds(30), Ct);
        var unknown = await RunAsync(host, "flash", "redeliver", Guid.NewGuid().ToString("D"));
        var removed = await RunAsync(host, "flash", "webhooks", "remove", webhookId);
        var afterRemoval = await RunAsync(host, "flash", "webhooks", "list");

        Assert.Contains("Signing secret (shown once; store it now)", added.Output, StringComparison.Ordinal);
        Assert.Equal(0, listed.Code);
        Assert.Contains("internal", listed.Output, StringComparison.Ordinal);
        Assert.Equal([webhookId, receiver.Url, "CF"], Row(listed.Output, webhookId)[..3]);
        Assert.DoesNotContain(receiver.Secret, listed.Output, StringComparison.Ordinal);
        Assert.Equal(report, (string)delivery.Body["reportId"]!);
        Assert.Equal(0, deliveries.Code);
        Assert.Equal([delivery.DeliveryId, "mass-casualty", "CF", "CF-UK", "webhook", "delivered", "1"], Row(deliveries.Output, delivery.DeliveryId)[..7]);
        Assert.Contains("1 deliveries: 1 delivered, 0 pending, 0 failing, 0 dead.", deliveries.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Row(delivered.Output, delivery.DeliveryId));
        Assert.Empty(Row(failed.Output, delivery.DeliveryId));
        Assert.NotEqual(0, badStatus.Code);
        Assert.Contains("lost", badStatus.Output, StringComparison.Ordinal);
        Assert.Equal(0, redelivered.Code);
        Assert.Contains($"Queued delivery {delivery.DeliveryId} (webhook, mass-casualty) again.", redelivered.Output, StringComparison.Ordinal);
        Assert.Equal([delivery.DeliveryId, delivery.DeliveryId], receiver.Received.Select(r => r.DeliveryId));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
        Assert.Equal(1, unknown.Code);
        Assert.Contains("404", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(0, removed.Code);
        Assert.Contains($"Removed webhook {webhookId}.", removed.Output, StringComparison.Ordinal);
        Assert.Contains("0 webhooks", afterRemoval.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsBacktest_StoredDays_PrintsEachDayAndRefusesBadInputNamingIt()
    {
        await using var host = await SelfHostInstance.StartAsync(new Dictionary<string, string?>(), cancellationToken: Ct);
        await SubmitMassCasualtyAsync(host);
        var weekAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var quiet = Path.Combine(Path.GetTempPath(), $"intake-rules-{Guid.NewGuid():N}.json");
        var bad = Path.Combine(Path.GetTempPath(), $"intake-rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(quiet, """{"version": 9, "rules": [{"id": "only-incitement", "kind": "risk-factor", "title": "Incitement", "riskFactors": ["RF10"], "minReports": 3}]}""", Ct);
        await File.WriteAllTextAsync(bad, """{"version": 9, "rules": [{"id": "x", "kind": "risk-factor", "title": "x", "riskFactors": ["RF99"]}]}""", Ct);
        try
        {
            var deployed = await RunAsync(host, "alerts", "backtest", "--from", weekAgo, "--to", Today);
            var candidate = await RunAsync(host, "alerts", "backtest", "--from", weekAgo, "--to", Today, "--rules", quiet);
            var badRules = await RunAsync(host, "alerts", "backtest", "--from", weekAgo, "--to", Today, "--rules", bad);
            var badDay = await RunAsync(host, "alerts", "backtest", "--from", "2026-02-30", "--to", Today);
            var backwards = await RunAsync(host, "alerts", "backtest", "--from", Today, "--to", weekAgo);

            Assert.Equal(0, deployed.Code);
            // Twelve killed where none were before: the report's own severity-5 alert and the area's killed spike.
            Assert.Equal([Today, "2", "0", "severity-5 @ CF-UK, CF"], Row(deployed.Output, Today));
            Assert.Contains("area-killed @ CF-UK, CF", deployed.Output, StringComparison.Ordinal);
            Assert.Equal([weekAgo, "0", "0", "-"], Row(deployed.Output, weekAgo));
            Assert.Contains("7 days replayed with rules version 2", deployed.Output, StringComparison.Ordinal);
            Assert.Contains(" 2 new alerts.", deployed.Output, StringComparison.Ordinal);
            Assert.Equal(0, candidate.Code);
            Assert.Equal([Today, "0", "0", "-"], Row(candidate.Output, Today));
            Assert.Contains("7 days replayed with rules version 9", candidate.Output, StringComparison.Ordinal);
            Assert.Equal(1, badRules.Code);
            Assert.Contains("422", badRules.Output, StringComparison.Ordinal);
            Assert.Contains("RF99", badRules.Output, StringComparison.Ordinal);
            Assert.Equal(1, badDay.Code);
            Assert.Contains("'2026-02-30' is not a day", badDay.Output, StringComparison.Ordinal);
            Assert.Equal(1, backwards.Code);
            Assert.Contains("to:", backwards.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(quiet);
            File.Delete(bad);
        }
    }
}
