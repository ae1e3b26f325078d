using System.Net;
using System.Text.Json.Nodes;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Console;
using Intake.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using SkiaSharp;

namespace Intake.EndToEnd.Tests.WebForm;

/// <summary>
/// The web form of a campaign link in a real browser (headless Debian Chromium, phone emulation)
/// against the self-host and Azurite: a person fills it in, with and without a connection, and
/// what arrives, what stays on the phone and what the person sees are checked.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class WebFormTests(ConsoleFixture fixture)
{
    private const int FirstLoadBudget = 200 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private StoredReports Storage => new(Host.Azurite.ConnectionString);

    [Fact]
    public async Task SubmitOnline_EveryField_ProcessedAsEntered_PhoneKeepsOnlyTheStatus()
    {
        var (id, _, link) = await CampaignTests.CreateAsync(Host, "online", quota: 50, languages: ["en", "fr", "ar"]);
        await using var session = await FormSession.OpenAsync(fixture);
        var page = await session.GotoAsync(new Uri(Host.Address, link).ToString());
        Assert.Equal($"/api/r/{id}/", new Uri(page.Url).AbsolutePath);
        Assert.Equal("", new Uri(page.Url).Fragment);
        Assert.Equal("Notes", await page.TitleAsync());

        const string narrative = "Men on motorcycles fired into the market near the water point. Online test.";
        await session.FillAsync(narrative, "+000 1111 2222", LargePhoto());
        await session.ScreenshotAsync("form-what", "#categories");
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await page.Locator("#send").ClickAsync();

        var sent = page.Locator("#outbox li[data-status='sent']");
        await Assertions.Expect(sent).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(sent).ToContainTextAsync("sent");
        var reportId = await sent.GetAttributeAsync("data-submission-id");
        await session.ScreenshotAsync("sent", "#outbox-title");

        var rows = await Storage.WaitUntilProcessedAsync([reportId!], TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(id, rows[reportId!].GetString("Campaign"));
        var report = JsonNode.Parse(await Storage.RawBytesAsync(reportId!, Ct))!;
        Assert.Equal(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T14:30:00+00:00", (string)report["occurredAt"]!);
        Assert.Equal("hour", (string)report["occurredAtPrecision"]!);
        Assert.Equal(13.6289, (double)report["location"]!["latitude"]!, 3);
        Assert.Equal(25.3496, (double)report["location"]!["longitude"]!, 3);
        Assert.Equal(40, (double)report["location"]!["accuracyMeters"]!);
        Assert.Equal("SD", (string)report["location"]!["country"]!);
        Assert.Equal("North Darfur", (string)report["location"]!["admin1"]!);
        Assert.Equal("Abu Shouk camp", (string)report["location"]!["placeName"]!);
        Assert.Equal("attack-on-civilians", (string)report["category"]!);
        Assert.Equal(4, (int)report["severity"]!);
        Assert.Equal(3, (int)report["killed"]!);
        Assert.Equal(7, (int)report["injured"]!);
        Assert.Equal("militia", (string)report["perpetratorType"]!);
        Assert.Equal(["civilians", "displaced-persons"], report["victimGroups"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(narrative, (string)report["narrative"]!);
        Assert.Equal("eyewitness", (string)report["sourceType"]!);
        Assert.True((bool)report["consent"]!["followUp"]!);
        Assert.True((bool)report["consent"]!["shareWithPartners"]!);
        Assert.Equal("+000 1111 2222", (string)report["reporter"]!["contact"]!);

        // The photo travelled with it, made smaller (and re-encoded, without its metadata) in the browser.
        var attachments = await Host.App.Services.GetRequiredService<AttachmentStore>().ListAsync(Guid.Parse(reportId!), Ct);
        var photo = Assert.Single(attachments.Values);
        Assert.Equal("image/jpeg", photo.ContentType);
        using var decoded = SKBitmap.Decode((await Host.App.Services.GetRequiredService<AttachmentStore>().ReadAsync(photo, Ct)).ToArray());
        Assert.Equal(1600, Math.Max(decoded.Width, decoded.Height));

        // After a successful send the phone keeps the status, not the content.
        var kept = await session.OutboxJsonAsync();
        Assert.Contains(reportId!, kept, StringComparison.Ordinal);
        Assert.DoesNotContain("motorcycles", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", kept, StringComparison.Ordinal);
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
    }

    [Fact]
    public async Task SubmitOffline_TwoReports_PageClosedAndReopened_BothArriveExactlyOnce()
    {
        var (id, _, link) = await CampaignTests.CreateAsync(Host, "offline", quota: 50, languages: ["en"]);
        var url = new Uri(Host.Address, link).ToString();
        await using var session = await FormSession.OpenAsync(fixture);
        await session.GotoAsync(url);
        await session.WaitForWorkerAsync();

        await session.Context.SetOfflineAsync(true);
        foreach (var n in new[] { 1, 2 })
        {
            await session.FillAsync($"Offline report number {n}, written with no signal.", "+000 3333 444" + n);
            await session.Page.Locator("#send").ClickAsync();
            await Assertions.Expect(session.Page.Locator("#outbox li[data-status='waiting']")).ToHaveCountAsync(n);
        }

        await Assertions.Expect(session.Page.Locator("#outbox li[data-status='waiting']").First).ToContainTextAsync("waiting to be sent");
        await session.ScreenshotAsync("waiting", "#outbox-title");
        var ids = (await session.Page.Locator("#outbox li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.submissionId)")).ToList();
        await session.Page.CloseAsync();

        // Still offline, the form opens from the service worker's cache, with both reports waiting.
        await session.GotoAsync(url.Split('#')[0]);
        await Assertions.Expect(session.Page.Locator("#outbox li[data-status='waiting']")).ToHaveCountAsync(2);
        foreach (var reportId in ids)
        {
            Assert.Null(await Storage.RawBytesAsync(reportId, Ct));
        }

        await session.Page.CloseAsync();

        // Back online, the next opening sends them.
        await session.Context.SetOfflineAsync(false);
        await session.GotoAsync(url.Split('#')[0]);
        await Assertions.Expect(session.Page.Locator("#outbox li[data-status='sent']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });

        var rows = await Storage.WaitUntilProcessedAsync(ids, TimeSpan.FromSeconds(30), Ct);
        var all = await Storage.RowsAsync(Ct);
        Assert.Equal(2, all.Values.Count(r => r.GetString("Campaign") == id));
        Assert.All(ids, reportId => Assert.Equal("processed", rows[reportId].GetString("Status")));
        Assert.Equal(2, await Host.App.Services.GetRequiredService<Intake.Core.Campaigns.CampaignQuota>().CountTodayAsync(id, Ct));
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
    }

    [Fact]
    public async Task ClosedCampaign_SubmitRefusedWithReason_NothingStoredAnywhere()
    {
        var (id, _, link) = await CampaignTests.CreateAsync(Host, "closed", quota: 50, languages: ["en"]);
        await using var session = await FormSession.OpenAsync(fixture);
        var page = await session.GotoAsync(new Uri(Host.Address, link).ToString());
        await session.FillAsync("A report sent after the campaign was closed.", "+000 5555 6666");
        using var closed = await Host.AdminClient.PostAsync(new Uri($"/api/admin/campaigns/{id}/close", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        await page.Locator("#send").ClickAsync();

        var refused = page.Locator("#outbox li[data-status='refused']");
        await Assertions.Expect(refused).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(refused).ToContainTextAsync("refused (this link is closed or has expired)");
        await session.ScreenshotAsync("refused", "#outbox-title");
        Assert.Null(await Storage.RawBytesAsync((await refused.GetAttributeAsync("data-submission-id"))!, Ct));
        var kept = await session.OutboxJsonAsync();
        Assert.DoesNotContain("after the campaign was closed", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("5555", kept, StringComparison.Ordinal);

        // Opened again, the form says at once that the link is closed.
        await page.CloseAsync();
        await session.GotoAsync(new Uri(Host.Address, link).ToString());
        await Assertions.Expect(session.Page.Locator("#link-problem")).ToContainTextAsync("closed or has expired");
    }

    [Fact]
    public async Task ClearEverything_LeavesNoReportInIndexedDbOrCaches()
    {
        var (_, _, link) = await CampaignTests.CreateAsync(Host, "clear", quota: 50, languages: ["en"]);
        await using var session = await FormSession.OpenAsync(fixture);
        var page = await session.GotoAsync(new Uri(Host.Address, link).ToString());
        await session.WaitForWorkerAsync();
        await session.Context.SetOfflineAsync(true);
        await session.FillAsync("A waiting report that must vanish when cleared.", "+000 7777 8888");
        await page.Locator("#send").ClickAsync();
        await Assertions.Expect(page.Locator("#outbox li[data-status='waiting']")).ToHaveCountAsync(1);
        Assert.Contains("must vanish", await session.OutboxJsonAsync(), StringComparison.Ordinal);

        await page.Locator("#clear").ClickAsync();
        await Assertions.Expect(page.Locator("#cleared")).ToContainTextAsync("Everything was removed");

        var left = await page.EvaluateAsync<string>(
            """
            async () => {
              const db = await new Promise((ok, fail) => { const r = indexedDB.open('intake-form'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
              const all = (store) => new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
              const cached = [];
              for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
              const result = JSON.stringify({ outbox: await all('outbox'), settings: await all('settings'), cached, workers: (await navigator.serviceWorker.getRegistrations()).length });
              db.close();
              return result;
            }
            """);
        Assert.Equal("""{"outbox":[],"settings":[],"cached":[],"workers":0}""", left);
        Assert.Empty(await page.Locator("#outbox li").AllAsync());
        await session.Context.SetOfflineAsync(false);
    }

    [Fact]
    public async Task ClearEverything_WhileAReportIsBeingSent_TheSendsOutcomeDoesNotBringItBack()
    {
        var (_, _, link) = await CampaignTests.CreateAsync(Host, "clear-while-sending", quota: 50, languages: ["en"]);
        await using var session = await FormSession.OpenAsync(fixture);
        var page = await session.GotoAsync(new Uri(Host.Address, link).ToString());
        await session.WaitForWorkerAsync();
        // The send is held on the way until the report has been cleared, then answered 503: an
        // answer after which the outbox keeps a report (with its content) to send again.
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cleared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/campaign/reports", async route =>
        {
            sending.TrySetResult();
            await cleared.Task;
            await route.FulfillAsync(new RouteFulfillOptions { Status = 503, Headers = new Dictionary<string, string> { ["Retry-After"] = "30" }, Body = "" });
        });
        await session.FillAsync("A report being sent when the phone is cleared.", "+000 5555 6666");

        await page.Locator("#send").ClickAsync();
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await page.Locator("#clear").ClickAsync();
        await Assertions.Expect(page.Locator("#cleared")).ToContainTextAsync("Everything was removed");
        cleared.SetResult();

        // The send ends when no one holds the outbox's lock any more.
        await page.WaitForFunctionAsync("async () => (await navigator.locks.query()).held.length === 0");
        Assert.Equal("[]", await session.OutboxJsonAsync());
        Assert.DoesNotContain("being sent", await session.OutboxJsonAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Languages_ArabicIsRightToLeft_EnglishAndArabicPassAxe_FirstLoadUnder200KB()
    {
        var (_, _, link) = await CampaignTests.CreateAsync(Host, "languages", quota: 50, languages: ["ar", "en", "fr"]);
        var url = new Uri(Host.Address, link).ToString();

        await using (var english = await FormSession.OpenAsync(fixture, "en"))
        {
            var page = await english.GotoAsync(url);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tell us what happened");
            Assert.Equal("ltr", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
            await english.ScreenshotAsync("form-en");
            Assert.Empty(await english.AccessibilityViolationsAsync());

            // The first load, every answer the phone received, gzip-compressed as a compressing server sends it.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var total = english.Loaded.Values.Sum(FormSession.GzipSize);
            TestContext.Current.SendDiagnosticMessage($"Web form first load: {english.Loaded.Count} answers, {english.Loaded.Values.Sum(b => (long)b.Length)} bytes, {total} bytes gzip.");
            Assert.True(total < FirstLoadBudget, $"The first load is {total} bytes compressed; the budget is {FirstLoadBudget}. Loaded: {string.Join(", ", english.Loaded.Keys)}");
            Assert.All(english.Loaded.Keys, u => Assert.StartsWith(Host.Address.GetLeftPart(UriPartial.Authority), u, StringComparison.Ordinal));
            Assert.True(english.Errors.Count == 0, string.Join(" | ", english.Errors));
        }

        // A browser in Arabic gets the Arabic form (a campaign language), right to left.
        await using var arabic = await FormSession.OpenAsync(fixture, "ar");
        var form = await arabic.GotoAsync(url);
        Assert.Equal("rtl", await form.EvaluateAsync<string>("() => document.documentElement.dir"));
        Assert.Equal("ar", await form.EvaluateAsync<string>("() => document.documentElement.lang"));
        await Assertions.Expect(form.Locator("h1")).ToHaveTextAsync("أخبرنا بما حدث");
        await Assertions.Expect(form.Locator("label[for='category-0']")).ToContainTextAsync("قتل");
        Assert.Equal("rtl", await form.Locator("#narrative").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await arabic.ScreenshotAsync("form-ar");
        await form.Locator("#open-map").ClickAsync();
        await Assertions.Expect(form.Locator("#map svg path.land")).ToBeVisibleAsync();
        // It opens on the campaign's region (Sudan), not on the world.
        var box = (await form.Locator("#map svg").GetAttributeAsync("viewBox"))!.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(box[0] + (box[2] / 2), 25, 35);
        Assert.True(box[2] < 60, $"The map shows {box[2]} degrees of longitude.");
        await form.Locator("#map svg").ClickAsync();
        await Assertions.Expect(form.Locator("#where-status")).ToContainTextAsync("اختير على الخريطة");
        await arabic.ScreenshotAsync("map-ar", "#where-hint");
        Assert.Empty(await arabic.AccessibilityViolationsAsync());
        Assert.True(arabic.Errors.Count == 0, string.Join(" | ", arabic.Errors));
    }

    [Fact]
    public async Task FormFiles_ServedWithPolicy_NoThirdParty_UnknownPathIs404()
    {
        using var index = await Host.AnonymousClient.GetAsync(new Uri("/api/r/0123456789abcdef/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var policy = string.Join(' ', index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        var html = await index.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<title>Notes</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        using var bare = await Host.AnonymousClient.GetAsync(new Uri("/api/r/0123456789abcdef", UriKind.Relative), Ct);
        Assert.Equal("/api/r/0123456789abcdef/", bare.RequestMessage!.RequestUri!.AbsolutePath);
        using var missing = await Host.AnonymousClient.GetAsync(new Uri("/api/r/0123456789abcdef/..%2F..%2Fappsettings.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var worker = await Host.AnonymousClient.GetAsync(new Uri("/api/r/0123456789abcdef/sw.js", UriKind.Relative), Ct);
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>A 2400 x 1800 PNG, as a phone camera's photo is larger than the form sends.</summary>
    private static byte[] LargePhoto()
    {
        using var bitmap = new SKBitmap(2400, 1800);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(90, 120, 160));
            using var paint = new SKPaint { Color = new SKColor(230, 200, 80) };
            canvas.DrawCircle(1200, 900, 500, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
