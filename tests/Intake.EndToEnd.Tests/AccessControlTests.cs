using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.Core.Access;
using Intake.EndToEnd.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Intake.EndToEnd.Tests;

/// <summary>Who gets in, through real HTTP: no credential, a submitter's, another submitter's, a revoked one, an admin's.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AccessControlTests(SelfHostFixture fixture)
{
    // Health, the schema, and the public OpenRosa form list with its form downloads.
    // The console's static files and its settings hold no data or secret: every API call it makes needs a token.
    private static readonly string[] AnonymousTemplates = ["health", "schema/report", "openapi.json", "openrosa/formList", "openrosa/forms/{formId}", "console/{*path}", "console/settings.json", "r/{campaign}/{*path}"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    /// <summary>Every route the self-host maps, with its placeholders filled in.</summary>
    private IEnumerable<(string Method, string Path, RouteClass Class)> Routes() =>
        Endpoints().Select(e => (e.Method, e.Path, e.Class));

    private IEnumerable<(string Method, string Template, string Path, RouteClass Class)> Endpoints() =>
        ((IEndpointRouteBuilder)Host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (
                e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(),
                RouteAccess.Normalise(e.RoutePattern.RawText)!,
                "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "\\{[^}]+\\}", Guid.NewGuid().ToString("D")),
                RouteAccess.Classify(e.RoutePattern.RawText)));

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null };

    [Fact]
    public async Task EveryRoute_WithoutCredential_Is401WithChallenge_ExceptAnonymousRoutes()
    {
        var routes = Endpoints().ToList();
        Assert.Equal(AnonymousTemplates.Order(StringComparer.Ordinal), routes.Where(r => r.Class == RouteClass.Anonymous).Select(r => r.Template).Distinct().Order(StringComparer.Ordinal));

        foreach (var (method, template, path, routeClass) in routes)
        {
            using var response = await Host.AnonymousClient.SendAsync(Request(method, path), Ct);
            if (routeClass == RouteClass.Anonymous)
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {response.StatusCode}");
            // OpenRosa clients are asked for a user name and password (the token); other clients for a bearer token.
            var openRosa = Intake.Core.Http.ApiOperations.All.Any(o => o.Route == template && o.IsOpenRosa && !o.HasPathToken);
            Assert.Equal(openRosa ? "Basic" : "Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            if (method == "HEAD")
            {
                continue; // no body to read
            }

            // A path-token route always carries a credential (here a made-up one), so it is invalid rather than missing.
            var expected = RouteAccess.HasPathToken(template) ? "credential-invalid" : "credential-required";
            Assert.Equal(expected, (string)(await response.ReadJsonAsync(Ct))["code"]!);
        }
    }

    [Fact]
    public async Task UnknownPath_WithoutCredential_Is401()
    {
        using var response = await Host.AnonymousClient.GetAsync(new Uri("/api/not-a-route", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminAndPartnerRoutes_WithSubmitterToken_Are403()
    {
        foreach (var (method, path, _) in Routes().Where(r => r.Class is RouteClass.Admin or RouteClass.Partner))
        {
            using var response = await Host.Client.SendAsync(Request(method, path), Ct);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {response.StatusCode}");
            Assert.Equal("role-required", (string)(await response.ReadJsonAsync(Ct))["code"]!);
        }
    }

    [Fact]
    public async Task AdminAndSubmitterRoutes_WithPartnerToken_Are403()
    {
        var partner = await Host.App.Services.GetRequiredService<AccessTokenStore>().CreatePartnerAsync("partner NGO", ["SD"], "end-to-end tests", Ct);
        using var client = Host.CreateClient(partner.Secret);
        // Path-token routes take their credential from the path, not the header; HEAD answers carry no body.
        foreach (var (method, path, _) in Routes().Where(r => r.Class is RouteClass.Admin or RouteClass.Submitter && !r.Path.StartsWith("/api/key/", StringComparison.Ordinal)))
        {
            using var response = await client.SendAsync(Request(method, path), Ct);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {response.StatusCode}");
            if (method != "HEAD")
            {
                Assert.Equal("role-required", (string)(await response.ReadJsonAsync(Ct))["code"]!);
            }
        }
    }

    [Fact]
    public async Task MalformedOrUnknownToken_Is401InvalidToken()
    {
        foreach (var token in new[] { "isub.0123456789abcdef.not-the-secret", "not-a-token", Host.SubmitterToken.Secret + "x" })
        {
            using var client = Host.CreateClient(token);
            using var response = await client.PostAsync(ReportClient.NewReport(), Ct);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RevokedToken_StopsWorkingAtOnce()
    {
        using var created = await Host.AdminClient.PostAsJsonAsync(new Uri("/api/admin/tokens", UriKind.Relative), new { name = "phone 17", kind = "submitter" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = await created.ReadJsonAsync(Ct);
        Assert.Equal("submitter", (string)token["kind"]!);
        using var phone = Host.CreateClient((string)token["token"]!);
        using var before = await phone.PostAsync(ReportClient.NewReport(), Ct);
        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);

        using var revoked = await Host.AdminClient.DeleteAsync(new Uri($"/api/admin/tokens/{(string)token["id"]!}", UriKind.Relative), Ct);
        using var after = await phone.PostAsync(ReportClient.NewReport(), Ct);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotNull((string?)(await revoked.ReadJsonAsync(Ct))["revokedAt"]);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ReportStatus_OfAnotherSubmittersReport_Is404_OwnAndAdmin200()
    {
        var report = ReportClient.NewReport();
        var id = (string)report["submissionId"]!;
        using var submitted = await Host.Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var other = await Host.IssueTokenAsync(CallerKind.Submitter, "another project", Ct);
        using var otherClient = Host.CreateClient(other.Secret);
        var path = new Uri($"/api/reports/{id}", UriKind.Relative);

        using var byOther = await otherClient.GetAsync(path, Ct);
        using var byOwner = await Host.Client.GetAsync(path, Ct);
        using var byAdmin = await Host.AdminClient.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal("report-not-found", (string)(await byOther.ReadJsonAsync(Ct))["code"]!);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task AdminTokens_ListShowsNoSecrets()
    {
        using var response = await Host.AdminClient.GetAsync(new Uri("/api/admin/tokens", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Host.AdminToken.Token.Id, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.AdminToken.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.SubmitterToken.Secret, body, StringComparison.Ordinal);
        Assert.All(JsonNode.Parse(body)!.AsArray(), t => Assert.Null(t!["token"]));
    }
}
