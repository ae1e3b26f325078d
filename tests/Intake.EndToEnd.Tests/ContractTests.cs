using System.Net;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// The contract as a client meets it over HTTP: the served OpenAPI document lists every route the
/// host answers, and failures a client did not cause are problem details without internals.
/// </summary>
public sealed class ContractTests(ContractTests.FaultableHost fixture) : IClassFixture<ContractTests.FaultableHost>
{
    private readonly FailingBlobReads _failures = fixture.Failures;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    /// <summary>
    /// One host for the class (a host per test only repeated the start-up): blob reads fail only while
    /// a test turns the failures on, around its one request, and the other tests read no state.
    /// </summary>
    public sealed class FaultableHost : IAsyncLifetime
    {
        private SelfHostInstance? _host;

        /// <summary>The switch for failing blob reads.</summary>
        public FailingBlobReads Failures { get; } = new();

        /// <summary>The running host.</summary>
        public SelfHostInstance Host => _host ?? throw new InvalidOperationException("Not started.");

        /// <inheritdoc />
        public async ValueTask InitializeAsync() =>
            _host = await SelfHostInstance.StartAsync(
                new Dictionary<string, string?>(), null, services => services.AddSingleton(new StorageClientTransport(Failures)), TestContext.Current.CancellationToken);

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenApi_Anonymous_ReadsWithoutErrorsAndListsEveryRouteOfTheHost()
    {
        using var response = await Host.AnonymousClient.GetAsync(new Uri("/api/openapi.json", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(text, "json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(read.Diagnostic!.Errors);
        var documented = read.Document!.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method} /api{p.Key}"))
            .Order(StringComparer.Ordinal);
        var served = ((IEndpointRouteBuilder)Host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            // OpenAPI has no catch-all: console/{*path} is documented as console/{path}.
            .Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} /{e.RoutePattern.RawText!.TrimStart('/').Replace("{*", "{", StringComparison.Ordinal)}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(served, documented);
    }

    [Fact]
    public async Task UnexpectedFailureInAHandler_Is500ProblemWithCorrelationId_AndNoExceptionText()
    {
        var report = ReportClient.NewReport();
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var response = await GetWhileBlobReadsFailAsync(new Uri($"/api/reports/{report["submissionId"]}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync(Ct);
        var problem = await response.ReadJsonAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("internal-error", (string)problem["code"]!);
        var correlationId = (string)problem["correlationId"]!;
        Assert.False(string.IsNullOrWhiteSpace(correlationId));
        Assert.Contains(correlationId, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-leak", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRouteOrMethod_ForAnAdmin_IsProblemJson()
    {
        using var unknown = await Host.AdminClient.GetAsync(new Uri("/api/not-a-route", UriKind.Relative), Ct);
        using var wrongMethod = await Host.AdminClient.DeleteAsync(new Uri("/api/admin/queues", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("route-not-found", (string)(await unknown.ReadJsonAsync(Ct))["code"]!);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("method-not-allowed", (string)(await wrongMethod.ReadJsonAsync(Ct))["code"]!);
    }

    private async Task<HttpResponseMessage> GetWhileBlobReadsFailAsync(Uri uri)
    {
        _failures.Enabled = true;
        try
        {
            return await Host.Client.GetAsync(uri, Ct);
        }
        finally
        {
            // The host outlives this test: a request that throws must not leave reads failing for the next.
            _failures.Enabled = false;
        }
    }
}
