using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;
using Microsoft.Playwright;

namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// The web console in a real browser (headless Debian Chromium, Playwright) against the self-host
/// and Azurite: what an analyst and an admin see and do. Each page is saved as a screenshot under
/// docs/console/ at phone and desktop sizes.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private SelfHostInstance Host => fixture.Host;

    [Fact]
    public async Task ConsoleFiles_ServedWithTypesCachingAndPolicy_NothingElseReachable()
    {
        using var index = await Host.AnonymousClient.GetAsync(new Uri("/api/console/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        var policy = string.Join(' ', index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", index.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(index.Headers.CacheControl!.NoCache);
        Assert.DoesNotContain("<script>", await index.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        foreach (var (path, type) in new[] { ("js/main.js", "text/javascript"), ("console.css", "text/css"), ("vendor/leaflet/leaflet.js", "text/javascript"), ("vendor/countries-50m.json", "application/json"), ("i18n/ar.json", "application/json") })
        {
            using var file = await Host.AnonymousClient.GetAsync(new Uri($"/api/console/{path}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(type, file.Content.Headers.ContentType!.MediaType);
        }

        // Unchanged: 304 on the ETag.
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/console/js/main.js", UriKind.Relative));
        using var first = await Host.AnonymousClient.GetAsync(new Uri("/api/console/js/main.js", UriKind.Relative), Ct);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await Host.AnonymousClient.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // Without the slash, relative links would break: redirected to the folder.
        using var bare = await Host.AnonymousClient.GetAsync(new Uri("/api/console", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal("/api/console/", bare.RequestMessage!.RequestUri!.AbsolutePath);

        // Nothing outside the embedded files, however the path is spelled.
        foreach (var path in new[] { "nope.js", "..%2F..%2Fappsettings.json", "js/..%2F..%2F..%2Fetc/passwd" })
        {
            using var missing = await Host.AnonymousClient.GetAsync(new Uri($"/api/console/{path}", UriKind.Relative), Ct);
            Assert.True(missing.StatusCode == HttpStatusCode.NotFound, $"{path}: {missing.StatusCode}");
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        }

        // The data the console shows stays behind the admin token.
        using var anonymous = await Host.AnonymousClient.GetAsync(new Uri("/api/admin/incidents", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignIn_WrongTokenShowsProblem_AdminTokenOpensSituation(bool phone)
    {
        await using var session = await ConsoleSession.OpenAsync(fixture, phone);
        await session.Page.GotoAsync(fixture.ConsoleAddress.ToString());
        await session.Page.WaitForSelectorAsync("body[data-ready='true']");
        await session.ScreenshotAsync("sign-in");

        // Entra ID is not configured on this host: the settings say so and only the token form shows.
        var settings = await Host.AnonymousClient.GetFromJsonAsync<JsonObject>(new Uri("/api/console/settings.json", UriKind.Relative), Ct);
        Assert.Null(settings!["entra"]);
        await Assertions.Expect(session.Page.Locator("#entra-sign-in")).ToBeHiddenAsync();

        await session.SignInAsync(fixture, "iadm_not-a-token");
        var problem = session.Page.Locator("#sign-in-problem");
        await Assertions.Expect(problem).ToBeVisibleAsync();
        await Assertions.Expect(problem).ToContainTextAsync("The credential is not valid");
        Assert.Null(await session.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('intake.token')"));

        await session.SignInAsync(fixture, Host.AdminToken.Secret);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Situation", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(Host.AdminToken.Secret, await session.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('intake.token')"));
        Assert.Null(await session.Page.EvaluateAsync<string?>("() => localStorage.getItem('intake.token')"));
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
    }

    [Fact]
    public async Task Situation_SubmittedReportsOnMapAndInList_AlertDayShowsExplanation_NoPersonalData()
    {
        // Arrange: three reports in two countries, one of them a mass-casualty report the rules alert on.
        await SubmitProcessedAsync("CF", "Ouaka", 7.5, 20.9, "killing", severity: 5, killed: 12);
        await SubmitProcessedAsync("SD", "North Darfur", 13.63, 25.35, "attack-on-civilians", severity: 3, killed: 1);
        await SubmitProcessedAsync("SD", "West Darfur", 13.45, 22.45, "sexual-violence", severity: 2, killed: 0);
        await SubmitProcessedAsync("SD", "South Darfur", 12.05, 24.88, "forced-displacement", severity: 2, killed: 0, occurredDaysAgo: 10);
        using var compiled = await Host.AdminClient.PostAsync(new Uri($"/api/admin/digests/{Today}/compile", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);

        foreach (var phone in new[] { false, true })
        {
            await using var session = await ConsoleSession.OpenAsync(fixture, phone);
            await session.SignInAsync(fixture, Host.AdminToken.Secret);
            var page = session.Page;

            // The alert of the day, new, with its explanation and 28-day series.
            var alert = page.Locator("li.alert").Filter(new() { HasText = "Ouaka" }).Filter(new() { HasText = "severity-5" });
            await Assertions.Expect(alert).ToBeVisibleAsync();
            await Assertions.Expect(alert).ToContainTextAsync("New");
            await Assertions.Expect(alert).ToContainTextAsync("severity-5");
            await Assertions.Expect(alert.Locator("dl.evidence")).ToContainTextAsync("observed");
            await Assertions.Expect(alert.Locator("svg.spark")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Last 28 days: [0-9]"));

            // The incidents: on the map (one circle each) and in the list beside it.
            var rows = page.Locator("section[aria-labelledby='incidents-title'] tbody tr");
            // (Other tests of this collection add reports too: each of these is looked for, not counted.)
            await Assertions.Expect(rows.Filter(new() { HasText = "Ouaka" }).Filter(new() { HasText = "Killing" }).First).ToBeVisibleAsync();
            await Assertions.Expect(rows.Filter(new() { HasText = "North Darfur" }).Filter(new() { HasText = "Attack on civilians" }).First).ToBeVisibleAsync();
            await Assertions.Expect(rows.Filter(new() { HasText = "West Darfur" }).Filter(new() { HasText = "Sexual violence" }).First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(await rows.CountAsync());
            Assert.True(await page.Locator("#map path").CountAsync() > 100, "The country outlines are drawn.");

            // Beside the map, a 28-day chart per area by day of occurrence, its numbers in its accessible name.
            var ouakaChart = page.Locator("ul.charts li").Filter(new() { HasText = "Ouaka" });
            await Assertions.Expect(ouakaChart.Locator("figcaption")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Ouaka \\(CF-[A-Z]+\\): [0-9]+ incidents?$"));
            await Assertions.Expect(ouakaChart.Locator("svg.spark")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Ouaka.*Last 28 days: ([0-9]+, ){27}[1-9]"));

            // A filter narrows map and list together.
            await page.GetByLabel("Country").SelectOptionAsync("CF");
            await Assertions.Expect(page.Locator("#incidents-title ~ .progress")).ToHaveCountAsync(0);
            await Assertions.Expect(rows.Filter(new() { HasText = "Ouaka" }).First).ToBeVisibleAsync();
            await Assertions.Expect(rows.Filter(new() { HasText = "Darfur" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(await rows.CountAsync());
            await page.GetByLabel("Country").SelectOptionAsync("");
            await Assertions.Expect(rows.Filter(new() { HasText = "North Darfur" }).First).ToBeVisibleAsync();

            // By day of occurrence: received today, it happened ten days ago; from two days ago it is left out.
            var southDarfur = rows.Filter(new() { HasText = "South Darfur" }).First;
            await Assertions.Expect(southDarfur).ToContainTextAsync(DateTime.UtcNow.AddDays(-10).AddMinutes(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("Occurred from").FillAsync(DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Assertions.Expect(rows.Filter(new() { HasText = "South Darfur" })).ToHaveCountAsync(0);
            await Assertions.Expect(rows.Filter(new() { HasText = "Ouaka" }).First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(await rows.CountAsync());
            await page.GetByLabel("Occurred from").FillAsync("");
            await Assertions.Expect(southDarfur).ToBeVisibleAsync();

            var text = await page.Locator("body").InnerTextAsync();
            var example = ReportClient.NewReport();
            Assert.DoesNotContain(((string)example["narrative"]!)[..30], text, StringComparison.Ordinal);
            Assert.DoesNotContain((string)example["reporter"]!["id"]!, text, StringComparison.Ordinal);
            Assert.DoesNotContain((string)example["reporter"]!["contact"]!, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Abu Shouk", text, StringComparison.Ordinal);

            Assert.Empty(await session.AccessibilityViolationsAsync());
            Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
            await session.ScreenshotAsync("situation");
        }
    }

    [Fact]
    public async Task Queues_PoisonedReportShownWithReason_FixedAndReprocessedFromConsole_EndsProcessed()
    {
        // Arrange: a category held by configuration poisons its reports; then the hold is lifted.
        const string Held = "arbitrary-detention";
        var id = await fixture.PoisonedReportAsync(Held, Ct);

        await using var phone = await ConsoleSession.OpenAsync(fixture, phone: true);
        await phone.SignInAsync(fixture, Host.AdminToken.Secret);
        await phone.GoAsync("#/queues");
        await Assertions.Expect(phone.Page.Locator("section[aria-labelledby='poison-title'] tr").Filter(new() { HasText = id })).ToBeVisibleAsync();
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await phone.ScreenshotAsync("queues");

        await using var session = await ConsoleSession.OpenAsync(fixture, phone: false);
        await session.SignInAsync(fixture, Host.AdminToken.Secret);
        var page = session.Page;
        await session.GoAsync("#/queues");

        // The admin sees it in the poison queue with its reason, and the live counts.
        var row = page.Locator("section[aria-labelledby='poison-title'] tr").Filter(new() { HasText = id });
        await Assertions.Expect(row).ToContainTextAsync($"'{Held}' is held");
        await Assertions.Expect(page.Locator("tr").Filter(new() { HasText = "reports-poison" }).Locator("td[data-count='poison']")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("section[aria-labelledby='attention-title'] tr").Filter(new() { HasText = id })).ToContainTextAsync("Failed");
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await session.ScreenshotAsync("queues");

        // Reprocess: a dry run counts, the confirmation names the count, the result says what moved.
        var poisoned = await CountPoisonAsync();
        await page.Locator("#reprocess").ClickAsync();
        var dialog = page.Locator("dialog#confirm");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync($"Reprocess {poisoned} reports from the poison queue?");
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await page.Locator("#confirm-ok").ClickAsync();
        await Assertions.Expect(page.Locator("#reprocess-result")).ToContainTextAsync($"{poisoned} reports moved back to processing.");

        var status = await Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(Held, (string)status["category"]!);
        await Assertions.Expect(page.Locator("section[aria-labelledby='poison-title']")).ToContainTextAsync("The poison queue is empty.", new() { Timeout = 15000 });

        // Reconcile runs and says what it found.
        await page.Locator("#reconcile").ClickAsync();
        await Assertions.Expect(page.Locator("#reconcile-result")).ToContainTextAsync("submissions scanned");

        // Each action is in the audit view, newest first, with who did it, its outcome and its count; reads are left out.
        // (The audit row is appended after the answer is written: wait until it is there, as a person would refresh.)
        await WaitForAuditAsync("AdminReconcile");
        await session.GoAsync("#/audit");
        var audit = page.Locator("section[aria-labelledby='audit-title'] tbody tr");
        await Assertions.Expect(audit.Filter(new() { HasText = "AdminReprocessPoison" }).Filter(new() { HasText = "dryRun" }).First).ToContainTextAsync("Succeeded (200)");
        var reprocessed = audit.Filter(new() { HasText = "AdminReprocessPoison" }).Filter(new() { HasNotText = "\"dryRun\":true" }).First;
        await Assertions.Expect(reprocessed).ToContainTextAsync("POST /api/admin/poison/reprocess");
        await Assertions.Expect(reprocessed.Locator("td").Nth(4)).ToHaveTextAsync(poisoned.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(audit.First).ToContainTextAsync("AdminReconcile");
        await Assertions.Expect(audit.Filter(new() { HasText = "GET /api/admin/queues" })).ToHaveCountAsync(0);
        await page.GetByLabel("Include reads (GET)").CheckAsync();
        await Assertions.Expect(audit.Filter(new() { HasText = "GET /api/admin/queues" }).First).ToBeVisibleAsync();
        await page.GetByLabel("Include reads (GET)").UncheckAsync();
        await Assertions.Expect(audit.Filter(new() { HasText = "GET /api/admin/queues" })).ToHaveCountAsync(0);
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await session.ScreenshotAsync("audit");

        await phone.GoAsync("#/audit");
        await Assertions.Expect(phone.Page.Locator("section[aria-labelledby='audit-title'] tbody tr").Filter(new() { HasText = "AdminReconcile" }).First).ToBeVisibleAsync();
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await phone.ScreenshotAsync("audit");
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
        Assert.True(phone.Errors.Count == 0, string.Join(" | ", phone.Errors));
    }

    [Fact]
    public async Task Digests_ArchiveShowsTheHtmlDigest_SubscribersAndWebhooksAddedAndRemoved()
    {
        await SubmitProcessedAsync("CF", "Ouaka", 7.5, 20.9, "killing", severity: 5, killed: 9);
        using (var compiled = await Host.AdminClient.PostAsync(new Uri($"/api/admin/digests/{Today}/compile", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        }

        foreach (var phone in new[] { false, true })
        {
            await using var session = await ConsoleSession.OpenAsync(fixture, phone);
            await session.SignInAsync(fixture, Host.AdminToken.Secret);
            var page = session.Page;
            await session.GoAsync($"#/digests?day={Today}");

            // The day's HTML digest, embedded and styled as subscribers see it (its inline styles applied, no policy refused).
            var digest = page.Locator(".digest-embed");
            await Assertions.Expect(digest.Locator("h1")).ToContainTextAsync("Situation digest");
            await Assertions.Expect(digest).ToContainTextAsync("Ouaka");
            Assert.Equal("22px", await digest.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
            Assert.Equal(Today, await page.GetByLabel("Day", new() { Exact = true }).InputValueAsync());

            // Another day of the archive: one day back, nothing compiled, said so.
            await page.Locator("#digest-previous").ClickAsync();
            await Assertions.Expect(page.Locator("section[aria-labelledby='archive-title']")).ToContainTextAsync("No digest has been compiled for this day.");
            // The days that have a digest, newest first, link back to it; the day shown is marked.
            var days = page.Locator("#digest-days a");
            await Assertions.Expect(days.First).ToHaveTextAsync(Today);
            await Assertions.Expect(days.Filter(new() { HasText = Today })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#digest-days a[aria-current='page']")).ToHaveCountAsync(0);
            await days.First.ClickAsync();
            await Assertions.Expect(digest.Locator("h1")).ToContainTextAsync("Situation digest");
            await Assertions.Expect(page.Locator("#digest-days a[aria-current='page']")).ToHaveTextAsync(Today);
            await page.Locator("#digest-previous").ClickAsync();
            await page.Locator("#digest-next").ClickAsync();
            await Assertions.Expect(digest.Locator("h1")).ToContainTextAsync("Situation digest");

            // A subscriber added through the form is listed with its regions and audience.
            var email = $"analyst-{Guid.NewGuid():N}"[..20] + "@example.org";
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.Locator("#subscriber-regions").FillAsync("sd, CF");
            await page.GetByLabel("Audience").First.SelectOptionAsync("internal");
            await page.GetByLabel("Flash alerts").CheckAsync();
            await page.Locator("#subscriber-add").ClickAsync();
            await Assertions.Expect(page.Locator("#subscriber-result")).ToContainTextAsync($"{email} added.");
            var subscriber = page.Locator("section[aria-labelledby='subscribers-title'] tbody tr").Filter(new() { HasText = email });
            await Assertions.Expect(subscriber).ToContainTextAsync("CF, SD");
            await Assertions.Expect(subscriber).ToContainTextAsync("Internal");

            // A webhook the API refuses: the problem's detail names the field and why.
            var webhooks = page.Locator("section[aria-labelledby='webhooks-title']");
            await page.Locator("#webhook-url").FillAsync("http://hooks.example.org/intake");
            await page.Locator("#webhook-regions").FillAsync("*");
            await page.Locator("#webhook-add").ClickAsync();
            var problem = webhooks.Locator("#webhook-result .problem");
            await Assertions.Expect(problem).ToContainTextAsync("1 field(s) are invalid");
            await Assertions.Expect(problem).ToContainTextAsync("Must use https");

            // A valid one: listed, and its signing secret shown this once.
            var hook = $"https://hooks.example.org/intake/{Guid.NewGuid():N}";
            await page.Locator("#webhook-url").FillAsync(hook);
            await page.Locator("#webhook-add").ClickAsync();
            await Assertions.Expect(page.Locator("#webhook-secret")).Not.ToBeEmptyAsync();
            var webhook = webhooks.Locator("tbody tr").Filter(new() { HasText = hook });
            await Assertions.Expect(webhook).ToContainTextAsync("*");

            var violations = await session.AccessibilityViolationsAsync();
            Assert.True(violations.Count == 0, string.Join(" | ", violations));
            await session.ScreenshotAsync("digests");

            // Removed after a confirmation that names them.
            await subscriber.GetByRole(AriaRole.Button, new() { Name = $"Remove {email}" }).ClickAsync();
            await Assertions.Expect(page.Locator("dialog#confirm")).ToContainTextAsync($"Remove the subscriber {email}?");
            await page.Locator("#confirm-ok").ClickAsync();
            await Assertions.Expect(page.Locator("#subscriber-result")).ToContainTextAsync($"{email} removed.");
            await Assertions.Expect(subscriber).ToHaveCountAsync(0);
            await webhook.GetByRole(AriaRole.Button, new() { Name = $"Remove {hook}" }).ClickAsync();
            await Assertions.Expect(page.Locator("dialog#confirm")).ToContainTextAsync($"Remove the webhook {hook}?");
            await page.Locator("#confirm-ok").ClickAsync();
            await Assertions.Expect(page.Locator("#webhook-result")).ToContainTextAsync($"{hook} removed.");
            await Assertions.Expect(webhook).ToHaveCountAsync(0);

            Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
        }
    }

    [Fact]
    public async Task Reports_ListByDayAndStatus_OneReportShowsStatusAndClassification()
    {
        // A report in the category held for the whole run fails: it is in the list with its reason.
        var report = ReportClient.NewReport(ConsoleFixture.HeldCategory);
        var failed = (string)report["submissionId"]!;
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var processed = await SubmitProcessedAsync("SD", "North Darfur", 13.63, 25.35, "attack-on-civilians", severity: 4, killed: 3);
        await Host.Client.WaitForStatusAsync(failed, "failed", TimeSpan.FromSeconds(90), Ct);

        foreach (var phone in new[] { false, true })
        {
            await using var session = await ConsoleSession.OpenAsync(fixture, phone);
            await session.SignInAsync(fixture, Host.AdminToken.Secret);
            var page = session.Page;
            await session.GoAsync($"#/reports?id={processed}");

            var facts = page.Locator("dl.facts");
            await Assertions.Expect(facts).ToContainTextAsync("Processed");
            await Assertions.Expect(facts).ToContainTextAsync("Attack on civilians");
            await Assertions.Expect(facts).ToContainTextAsync("SD-DN");
            var row = page.Locator("section[aria-labelledby='list-title'] tr").Filter(new() { HasText = failed });
            await Assertions.Expect(row).ToContainTextAsync("Failed");
            await Assertions.Expect(row).ToContainTextAsync($"'{ConsoleFixture.HeldCategory}' is held");

            // Searching narrows the list as one types: by part of an id, then by words of a reason.
            var listed = page.Locator("section[aria-labelledby='list-title'] tbody tr");
            var search = page.GetByLabel("Search (id, status, category, reason)");
            await search.FillAsync(failed[..13]);
            await Assertions.Expect(listed).ToHaveCountAsync(1);
            await Assertions.Expect(listed.First).ToContainTextAsync(failed);
            await Assertions.Expect(page.Locator("#reports-count")).ToContainTextAsync("1 of ");
            await search.FillAsync("no report says this");
            await Assertions.Expect(listed).ToHaveCountAsync(0);
            await search.FillAsync("is held by configuration");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await search.FillAsync("");

            Assert.Empty(await session.AccessibilityViolationsAsync());
            Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
            await session.ScreenshotAsync("reports");
        }
    }

    [Fact]
    public async Task Reports_OneReportListsItsAttachments_ImagePreviewedAndSavable()
    {
        // A real picture (the browser must draw it): a PNG Chromium itself renders, sent by an ODK client with the report.
        await using var session = await ConsoleSession.OpenAsync(fixture, phone: false);
        await session.Page.GotoAsync(fixture.ConsoleAddress.ToString());
        await session.Page.WaitForSelectorAsync("body[data-ready='true']");
        var picture = await session.Page.ScreenshotAsync(new() { Clip = new() { X = 0, Y = 0, Width = 320, Height = 120 } });
        var id = Guid.NewGuid();
        using (var created = await Host.Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Ct,
            (OpenRosaFixtures.CollectPhoto, "image/png", picture)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await session.SignInAsync(fixture, Host.AdminToken.Secret);
        var page = session.Page;
        await session.GoAsync($"#/reports?id={id}");
        var file = page.Locator("ul.files li").Filter(new() { HasText = OpenRosaFixtures.CollectPhoto });
        await Assertions.Expect(file).ToContainTextAsync("image/png");
        await Assertions.Expect(file).ToContainTextAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(picture)));
        var image = file.GetByRole(AriaRole.Img, new() { Name = $"Attachment {OpenRosaFixtures.CollectPhoto}, as the reporter sent it" });
        await Assertions.Expect(image).ToBeVisibleAsync();
        Assert.Equal(320, await image.EvaluateAsync<int>("i => i.naturalWidth"));

        // Saved as a file with its name and the same bytes.
        var download = await page.RunAndWaitForDownloadAsync(() => file.GetByRole(AriaRole.Button, new() { Name = $"Save {OpenRosaFixtures.CollectPhoto}" }).ClickAsync());
        Assert.Equal(OpenRosaFixtures.CollectPhoto, download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"console-{id}.png");
        await download.SaveAsAsync(saved);
        Assert.Equal(picture, await File.ReadAllBytesAsync(saved, Ct));
        File.Delete(saved);

        Assert.Empty(await session.AccessibilityViolationsAsync());
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
        await session.ScreenshotAsync("report");

        // A submitter reading the same route sees no attachments.
        var status = await Host.Client.GetFromJsonAsync<JsonObject>(new Uri($"/api/reports/{id}", UriKind.Relative), Ct);
        Assert.Null(status!["attachments"]);
    }

    [Fact]
    public async Task EveryPage_InArabicIsRightToLeft_AndNoPageHasASeriousAccessibilityViolation()
    {
        foreach (var language in new[] { "en", "fr", "ar" })
        {
            await using var session = await ConsoleSession.OpenAsync(fixture, phone: false, language);
            await session.SignInAsync(fixture, Host.AdminToken.Secret);
            var page = session.Page;
            Assert.Equal(language, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
            foreach (var route in new[] { "#/situation", "#/queues", "#/reports", "#/digests", "#/audit" })
            {
                await session.GoAsync(route);
                await Assertions.Expect(page.Locator("#nav a[aria-current='page']")).ToHaveAttributeAsync("href", route);
                await Assertions.Expect(page.Locator(".progress")).ToHaveCountAsync(0);
                var violations = await session.AccessibilityViolationsAsync();
                Assert.True(violations.Count == 0, $"{language} {route}: {string.Join(" | ", violations)}");
            }

            if (language == "ar")
            {
                await Assertions.Expect(page.Locator("#nav")).ToContainTextAsync("الوضع");
                var header = await page.Locator("header.bar").BoundingBoxAsync();
                var brand = await page.Locator(".brand").BoundingBoxAsync();
                Assert.True(brand!.X > header!.Width / 2, "In Arabic the brand sits at the right.");
                await session.GoAsync("#/situation");
                await Assertions.Expect(page.Locator(".progress")).ToHaveCountAsync(0);
                await session.ScreenshotAsync("situation-ar");
            }

            Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
        }
    }

    private async Task<string> SubmitProcessedAsync(string country, string admin1, double latitude, double longitude, string category, int severity, int killed, int occurredDaysAgo = 0)
    {
        var report = ReportClient.NewReport(category);
        report["occurredAt"] = DateTime.UtcNow.AddDays(-occurredDaysAgo).AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["location"]!["country"] = country;
        report["location"]!["admin1"] = admin1;
        report["location"]!["latitude"] = latitude;
        report["location"]!["longitude"] = longitude;
        report["severity"] = severity;
        report["killed"] = killed;
        using var response = await Host.Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)report["submissionId"]!;
        await Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(60), Ct);
        return id;
    }

    private async Task WaitForAuditAsync(string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await Host.AdminClient.GetAsync(new Uri("/api/admin/audit?max=5000", UriKind.Relative), Ct);
            var rows = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
            if (rows.Any(r => (string)r!["action"]! == action))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {action} row in the audit log.");
            await Task.Delay(250, Ct);
        }
    }

    private async Task<int> CountPoisonAsync() => (await PoisonAsync()).Count;

    private async Task<JsonArray> PoisonAsync()
    {
        using var response = await Host.AdminClient.GetAsync(new Uri("/api/admin/poison", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
    }
}
