using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.EndToEnd.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Playwright;

namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// The console with its settings configured (Entra ID sign-in and a tile layer). Entra ID sign-in in the console, in real Chromium, against a host whose API accepts Entra ID
/// tokens from a stand-in tenant on loopback (<see cref="LoopbackEntra"/>): MSAL.js (served by the
/// host) reads the tenant's metadata, sends the browser to its authorization endpoint with PKCE,
/// redeems the code and calls the API with the access token, which the API validates as in Azure
/// (signature from the tenant's keys, issuer, audience, tenant, app role).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleEntraTests(ConsoleFixture fixture)
{
    private const string ApiClientId = "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private const string ConsoleClientId = "7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098";
    private const string MetadataClient = "loopback-entra";

    // Not resolvable: the browser's requests to it are answered by the test (Playwright routing, after the policy let them out).
    private const string TileOrigin = "https://tiles.example.test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] OnePixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task SignInWithMicrosoft_CodeFlowWithPkceAtTheConfiguredAuthority_ConsoleLoadsDataWithTheEntraToken_MapDrawsTheConfiguredTiles()
    {
        await using var entra = await LoopbackEntra.StartAsync(ApiClientId, Ct);
        await using var host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["AzureAd:Instance"] = entra.Instance,
                ["AzureAd:TenantId"] = LoopbackEntra.TenantId,
                ["AzureAd:ClientId"] = ApiClientId,
                ["Intake:Console:EntraClientId"] = ConsoleClientId,
                ["Intake:Console:TileLayerUrl"] = TileOrigin + "/{z}/{x}/{y}.png",
                ["Intake:Console:TileAttribution"] = "<b>Example</b> tiles",
            },
            location: null,
            services: services =>
            {
                // The only local difference from Azure: the API's metadata and key fetches trust the tenant's self-signed certificate.
                services.AddHttpClient(MetadataClient).ConfigurePrimaryHttpMessageHandler(entra.TrustingHandler);
                services.Configure<Microsoft.Identity.Web.AadIssuerValidatorOptions>(options => options.HttpClientName = MetadataClient);
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.BackchannelHttpHandler = entra.TrustingHandler());
            },
            Ct);
        var console = new Uri(host.Address, "/api/console/");

        // The settings the page reads, from configuration; the policy lets the page reach this authority and no other.
        var settings = await host.AnonymousClient.GetFromJsonAsync<JsonObject>(new Uri("/api/console/settings.json", UriKind.Relative), Ct);
        Assert.Equal(ConsoleClientId, (string?)settings!["entra"]!["clientId"]);
        Assert.Equal($"{entra.Instance}{LoopbackEntra.TenantId}", (string?)settings["entra"]!["authority"]);
        Assert.Equal($"api://{ApiClientId}/.default", (string?)settings["entra"]!["scopes"]![0]);
        Assert.Equal(TileOrigin + "/{z}/{x}/{y}.png", (string?)settings["tileLayer"]!["url"]);
        using var index = await host.AnonymousClient.GetAsync(new Uri("/api/console/", UriKind.Relative), Ct);
        var policy = string.Join(' ', index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"connect-src 'self' {entra.Instance.TrimEnd('/')};", policy, StringComparison.Ordinal);
        Assert.Contains($"img-src 'self' data: {TileOrigin};", policy, StringComparison.Ordinal);

        await using var session = await ConsoleSession.OpenAsync(fixture, phone: false, trustSelfSigned: true);
        var page = session.Page;
        var tiles = new List<string>();
        await page.RouteAsync(TileOrigin + "/**", async route =>
        {
            tiles.Add(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = OnePixel });
        });
        var bearers = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/admin/", StringComparison.Ordinal) && request.Headers.TryGetValue("authorization", out var value))
            {
                bearers.Add(value);
            }
        };
        await page.GotoAsync(console.ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Microsoft" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Admin token")).ToBeVisibleAsync();
        Assert.Empty(await session.AccessibilityViolationsAsync());
        await session.ScreenshotAsync("sign-in-entra");

        // Sign in: to the configured authority's /authorize with the console's client id, PKCE and the API scope; back with a code.
        await button.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Situation", Level = 1 })).ToBeVisibleAsync();
        var authorize = Assert.Single(entra.Authorizations);
        Assert.Equal(ConsoleClientId, authorize["client_id"]);
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", authorize["code_challenge"]);
        Assert.Contains($"api://{ApiClientId}/.default", authorize["scope"].Split(' '));
        Assert.Equal(console.ToString(), authorize["redirect_uri"]);
        Assert.Equal(1, entra.TokensIssued);

        // The map draws the configured tiles under the outlines, with their attribution as text.
        await Assertions.Expect(page.Locator("#map img.leaflet-tile-loaded").First).ToBeVisibleAsync();
        Assert.NotEmpty(tiles);
        Assert.All(tiles, url => Assert.Matches($"^{TileOrigin}/[0-9]+/[0-9]+/[0-9]+\\.png$", url));
        await Assertions.Expect(page.Locator("#map .leaflet-control-attribution")).ToContainTextAsync("<b>Example</b> tiles");

        // The console loads data with the Entra token: the API validated it and let the app role in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Queues" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queues", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#page .problem")).ToHaveCountAsync(0);
        Assert.NotEmpty(bearers);
        Assert.All(bearers, b => Assert.StartsWith("Bearer eyJ", b, StringComparison.Ordinal));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('intake.token')"));
        // No token outlives the tab: none in local storage (MSAL may keep non-secret bookkeeping there).
        var local = await page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage))");
        Assert.DoesNotContain("eyJ", local, StringComparison.Ordinal);
        Assert.DoesNotContain("accesstoken", local, StringComparison.OrdinalIgnoreCase);
        Assert.True(await page.EvaluateAsync<int>("() => Object.keys(sessionStorage).filter(k => k.includes('msal') || k.includes('" + ConsoleClientId + "')).length") > 0, "MSAL keeps its cache in session storage.");

        // Signing out forgets the Entra account in this tab: the sign-in shows again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(button).ToBeVisibleAsync();
        Assert.True(session.Errors.Count == 0, string.Join(" | ", session.Errors));
    }
}
