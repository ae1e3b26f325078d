using System.IO.Compression;
using Intake.EndToEnd.Tests.Console;
using Intake.Testing;
using Microsoft.Playwright;

namespace Intake.EndToEnd.Tests.WebForm;

/// <summary>
/// One phone-sized browser context (390 x 844, touch, mobile) on a campaign's web form, with a
/// location to give, axe-core loaded into every page, and the page's script errors collected.
/// </summary>
public sealed class FormSession : IAsyncDisposable
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(RepositoryLayout.PathOf("console", "node_modules", "axe-core", "axe.min.js")));

    private FormSession(IBrowserContext context) => Context = context;

    /// <summary>The context: its pages share IndexedDB, the caches and the service worker, as tabs of one browser do.</summary>
    public IBrowserContext Context { get; }

    /// <summary>The page open now.</summary>
    public IPage Page { get; private set; } = null!;

    /// <summary>Script errors the pages reported.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Bytes of every answer the pages loaded, by URL (for the size check).</summary>
    public Dictionary<string, byte[]> Loaded { get; } = [];

    /// <summary>Opens a phone-sized context in a language, standing at a known place.</summary>
    public static async Task<FormSession> OpenAsync(ConsoleFixture fixture, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = language,
            TimezoneId = "UTC",
            Geolocation = new Geolocation { Latitude = 13.6289f, Longitude = 25.3496f, Accuracy = 40 },
            Permissions = ["geolocation"],
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        await context.AddInitScriptAsync(AxeSource.Value);
        return new FormSession(context);
    }

    /// <summary>Opens the form at <paramref name="url"/> in a new page and waits until it is ready.</summary>
    public async Task<IPage> GotoAsync(string url)
    {
        Page = await Context.NewPageAsync();
        Page.PageError += (_, error) => Errors.Add(error);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
        Page.Response += async (_, response) =>
        {
            try
            {
                Loaded[response.Url] = await response.BodyAsync();
            }
            catch (PlaywrightException)
            {
                // A redirect or an answer without a body.
            }
        };
        // "Clear everything" asks first: the person says yes.
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GotoAsync(url);
        await Page.WaitForSelectorAsync("body[data-ready='true']");
        return Page;
    }

    /// <summary>Waits until the service worker controls the page (it has cached the form).</summary>
    public Task WaitForWorkerAsync() =>
        Page.WaitForFunctionAsync("async () => { const r = await navigator.serviceWorker.ready; return !!r.active && (await caches.keys()).length > 0; }");

    /// <summary>Fills every field of the form, as a person would.</summary>
    public async Task FillAsync(string narrative, string contact, byte[]? photo = null)
    {
        var page = Page;
        await page.Locator("#occurred-date").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#occurred-time").FillAsync("14:30");
        await page.Locator("#precision").SelectOptionAsync("hour");
        await page.Locator("#locate").ClickAsync();
        await Assertions.Expect(page.Locator("#where-status")).ToContainTextAsync("13.6289");
        await page.Locator("#country").FillAsync("SD");
        await page.Locator("#admin1").FillAsync("North Darfur");
        await page.Locator("#place").FillAsync("Abu Shouk camp");
        await page.Locator("input[name='category'][value='attack-on-civilians']").CheckAsync();
        await page.Locator("input[name='severity'][value='4']").CheckAsync();
        await page.Locator("#killed").FillAsync("3");
        await page.Locator("#injured").FillAsync("7");
        await page.Locator("#perpetrator").SelectOptionAsync("militia");
        await page.Locator("input[name='victims'][value='civilians']").CheckAsync();
        await page.Locator("input[name='victims'][value='displaced-persons']").CheckAsync();
        await page.Locator("#narrative").FillAsync(narrative);
        await page.Locator("input[name='source'][value='eyewitness']").CheckAsync();
        if (photo is not null)
        {
            await page.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "IMG_0001.png", MimeType = "image/png", Buffer = photo });
            await Assertions.Expect(page.Locator("#photo-list img")).ToHaveCountAsync(1);
        }

        await page.Locator("input[name='followUp'][value='yes']").CheckAsync();
        await page.Locator("#contact").FillAsync(contact);
        await page.Locator("input[name='share'][value='yes']").CheckAsync();
    }

    /// <summary>The outbox as IndexedDB holds it (what stays on the phone).</summary>
    public async Task<string> OutboxJsonAsync() =>
        await Page.EvaluateAsync<string>("async () => JSON.stringify(await IntakeOutbox.list())");

    /// <summary>The serious and critical WCAG 2.x A/AA violations axe-core finds on the page as it is.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync() =>
        await Page.EvaluateAsync<string[]>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join('; ')}`);
            }
            """);

    /// <summary>
    /// A screenshot of the phone's screen (scrolled to <paramref name="scrollTo"/>, a CSS selector,
    /// when given), saved as docs/webform/<paramref name="name"/>.png when
    /// <c>INTAKE_WRITE_SCREENSHOTS=1</c>, else beside the test assembly.
    /// </summary>
    public async Task ScreenshotAsync(string name, string? scrollTo = null)
    {
        if (scrollTo is not null)
        {
            await Page.Locator(scrollTo).EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        }

        var directory = Environment.GetEnvironmentVariable("INTAKE_WRITE_SCREENSHOTS") == "1"
            ? RepositoryLayout.PathOf("docs", "webform")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var png = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png") });
        Assert.True(png.Length > 1000 && png[1] == (byte)'P', $"The screenshot of {name} is not a PNG image.");
    }

    /// <summary>The gzip size of bytes, as a server that compresses would send them.</summary>
    public static long GzipSize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.Length;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
