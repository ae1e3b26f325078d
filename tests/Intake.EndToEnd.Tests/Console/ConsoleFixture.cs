using System.Net;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// A self-host of its own (real Azurite) and one headless Debian Chromium driven by Playwright.
/// Playwright cannot download its browsers here, so it is pointed at the system's Chromium;
/// when there is none the tests fail saying how to install it, they are never skipped.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>The category the processor refuses for the whole run (as in the end-to-end collection).</summary>
    public const string HeldCategory = "other";

    private SelfHostInstance? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running host.</summary>
    public SelfHostInstance Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>The browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>The console's address on the host.</summary>
    public Uri ConsoleAddress => new(Host.Address, "/api/console/");

    /// <summary>The Chromium binary: <c>INTAKE_CHROMIUM</c>, else Debian's.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("INTAKE_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The console tests need Chromium at {ChromiumPath}: run scripts/test.sh (it installs Debian's 'chromium' with apt) " +
                "or 'sudo apt-get install chromium', or set INTAKE_CHROMIUM to a Chromium binary.");
        }

        _host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?> { ["Intake:HeldCategories"] = HeldCategory },
            location: null,
            SelfHostInstance.QuickQueueRetries,
            TestContext.Current.CancellationToken);
        // These tests run beside other collections (crash and flood tests among them) on two cores:
        // a page can take longer than Playwright's 5 s default to show what it will show. The
        // assertions are the same; only the wait for a slow page is longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>
    /// A report of <paramref name="category"/>, held by configuration so that it fails every attempt
    /// and reaches the poison queue; then the hold is lifted (the fix, as an operator would make it in
    /// the app settings), so that reprocessing or requeueing it succeeds. Answers its id.
    /// </summary>
    public async Task<string> PoisonedReportAsync(string category, CancellationToken cancellationToken)
    {
        Host.ChangeSetting("Intake:HeldCategories", $"{HeldCategory},{category}");
        try
        {
            var report = ReportClient.NewReport(category);
            var id = (string)report["submissionId"]!;
            using var accepted = await Host.Client.PostAsync(report, cancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            await Host.Client.WaitForStatusAsync(id, "failed", TimeSpan.FromSeconds(90), cancellationToken);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!await InPoisonAsync(id, cancellationToken))
            {
                Assert.True(DateTime.UtcNow < deadline, $"{id} did not reach the poison queue.");
                await Task.Delay(250, cancellationToken);
            }

            return id;
        }
        finally
        {
            Host.ChangeSetting("Intake:HeldCategories", HeldCategory);
        }
    }

    private async Task<bool> InPoisonAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await Host.AdminClient.GetAsync(new Uri("/api/admin/poison", UriKind.Relative), cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsArray().Any(p => (string)p!["reportId"]! == id);
    }
}
