using System.Text.Json;
using Intake.Testing;
using Microsoft.Playwright;

namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// One browser context on the console, at a phone or desktop size, with axe-core (from npm,
/// console/node_modules) loaded into every page and the page's script errors collected.
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = RepositoryLayout.PathOf("console", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is missing at {path}: build Intake.Core (it runs 'npm ci' in console/) or run 'npm ci --prefix console'.");
    });

    private readonly IBrowserContext _context;

    private ConsoleSession(IBrowserContext context, IPage page, string size)
    {
        _context = context;
        Page = page;
        Size = size;
        page.PageError += (_, error) => Errors.Add(error);
        page.Console += (_, message) =>
        {
            // A 401 or 404 answer is logged by the browser as a failed load; the page shows those as problems, which tests read.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary><c>desktop</c> or <c>phone</c>: the screenshot's suffix.</summary>
    public string Size { get; }

    /// <summary>Script errors and console errors the page reported (not failed loads).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>
    /// Opens a context at a desktop (1280 x 900) or phone (390 x 844, touch) size, in a language;
    /// <paramref name="trustSelfSigned"/> for a test's loopback HTTPS server (a stand-in Entra tenant).
    /// </summary>
    public static async Task<ConsoleSession> OpenAsync(ConsoleFixture fixture, bool phone, string language = "en", bool trustSelfSigned = false)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = language,
            TimezoneId = "UTC",
            IgnoreHTTPSErrors = trustSelfSigned,
        });
        await context.AddInitScriptAsync(AxeSource.Value);
        var page = await context.NewPageAsync();
        return new ConsoleSession(context, page, phone ? "phone" : "desktop");
    }

    /// <summary>Opens the console and signs in with a token through the form.</summary>
    public Task SignInAsync(ConsoleFixture fixture, string token)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return SignInAsync(fixture.ConsoleAddress, token);
    }

    /// <summary>Opens the console at an address (another host's) and signs in with a token through the form.</summary>
    public async Task SignInAsync(Uri console, string token)
    {
        ArgumentNullException.ThrowIfNull(console);
        await Page.GotoAsync(console.ToString());
        await Page.WaitForSelectorAsync("body[data-ready='true']");
        await Page.GetByLabel(await Page.Locator("label[for='token']").InnerTextAsync()).FillAsync(token);
        await Page.Locator("#sign-in-form button[type='submit']").ClickAsync();
    }

    /// <summary>Goes to a page of the console by its hash route (<c>#/queues</c>).</summary>
    public Task GoAsync(string route) => Page.EvaluateAsync($"() => {{ location.hash = {JsonSerializer.Serialize(route)}; }}");

    /// <summary>The serious and critical WCAG 2.x A/AA violations axe-core finds on the page as it is.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        var found = await Page.EvaluateAsync<string[]>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join('; ')}`);
            }
            """);
        return found;
    }

    /// <summary>
    /// Takes a full-page screenshot and checks it is an image. It is saved as
    /// docs/console/<paramref name="name"/>-<see cref="Size"/>.png when <c>INTAKE_WRITE_SCREENSHOTS=1</c>
    /// (to refresh the documentation's pictures), else beside the test assembly, so that a test
    /// run leaves the working tree as it found it.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = Environment.GetEnvironmentVariable("INTAKE_WRITE_SCREENSHOTS") == "1"
            ? RepositoryLayout.PathOf("docs", "console")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var png = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}-{Size}.png"), FullPage = true });
        Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', $"The screenshot of {name} is not a PNG image.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
