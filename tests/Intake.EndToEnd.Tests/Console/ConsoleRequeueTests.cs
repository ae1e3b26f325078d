using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// Requeue from the console, in Chromium: a report that failed every attempt (its message in the
/// poison queue) is queued again by days and status once its cause is fixed, and ends processed;
/// its page shows the history of its attempts.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleRequeueTests(ConsoleFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    [Fact]
    public async Task Requeue_FailedReportQueuedAgainByDayAndStatus_AfterConfirmationNamingTheCount_EndsProcessed()
    {
        // Arrange: a held category fails the report on every attempt, to the poison queue; then the hold is lifted.
        const string Held = "abduction-disappearance";
        var id = await fixture.PoisonedReportAsync(Held, Ct);

        await using var session = await ConsoleSession.OpenAsync(fixture, phone: false);
        await session.SignInAsync(fixture, Host.AdminToken.Secret);
        var page = session.Page;
        await session.GoAsync("#/queues");
        var failed = page.Locator("section[aria-labelledby='attention-title'] tr").Filter(new() { HasText = id });
        await Assertions.Expect(failed).ToContainTextAsync("Failed");

        // Requeue the failed reports of the last 7 days: the dry run's count is named in the confirmation and the result.
        var from = await page.Locator("#requeue-from").InputValueAsync();
        var to = await page.Locator("#requeue-to").InputValueAsync();
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to);
        using var preview = await Host.AdminClient.PostAsJsonAsync(
            new Uri("/api/admin/reports/requeue", UriKind.Relative), new { receivedFrom = from, receivedTo = to, status = "failed", dryRun = true }, Ct);
        var matched = (int)JsonNode.Parse(await preview.Content.ReadAsStringAsync(Ct))!["matched"]!;
        Assert.True(matched >= 1, $"The dry run matched {matched}.");

        await page.Locator("#requeue-status").SelectOptionAsync("failed");
        await page.Locator("#requeue").ClickAsync();
        var dialog = page.Locator("dialog#confirm");
        await Assertions.Expect(dialog).ToContainTextAsync($"Queue {matched} reports for processing again?");
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await page.Locator("#confirm-ok").ClickAsync();
        await Assertions.Expect(page.Locator("#requeue-result")).ToContainTextAsync($"{matched} reports queued.");

        var status = await Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(Held, (string)status["category"]!);

        // The report's page shows its history of attempts: the five failures with their reason, then the requeued success.
        await session.GoAsync($"#/reports?id={id}");
        var history = page.Locator(".history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(6);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Assertions.Expect(history.Nth(attempt)).ToContainTextAsync("Failed");
            await Assertions.Expect(history.Nth(attempt)).ToContainTextAsync($"'{Held}' is held");
            await Assertions.Expect(history.Nth(attempt).Locator("td").First).ToHaveTextAsync((attempt + 1).ToString(CultureInfo.InvariantCulture));
        }

        await Assertions.Expect(history.Nth(5)).ToContainTextAsync("Processed");
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await session.ScreenshotAsync("report-history");

        // Seen again, the report is no longer among those that need attention.
        await session.GoAsync("#/queues");
        await Assertions.Expect(page.Locator("section[aria-labelledby='attention-title'] h2")).ToBeVisibleAsync();
        await Assertions.Expect(failed).ToHaveCountAsync(0);
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
    }
}
