using System.Text.Json.Nodes;
using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Hosting;
using Intake.Core.Http;
using Intake.Core.Storage;
using Intake.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>
/// The worker middleware that guards every Azure route, run as the worker runs it: an invocation
/// context carrying the request, the middleware, then the function class's own method as the next
/// step. Same route table and gate as the self-host: 401 without a credential, 403 for the wrong
/// kind, an audit row for admin calls, anonymous routes open.
/// </summary>
public sealed class ApiEdgeMiddlewareTests : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services!;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(cancellationToken: Ct);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
        await _services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>Runs one HTTP invocation through the middleware, with <paramref name="function"/> as the function.</summary>
    private async Task<(int Status, JsonNode? Body, HttpResponse Response, bool FunctionRan)> InvokeAsync(
        string functionName, string method, string path, string? bearer, Func<HttpRequest, Task<IActionResult>> function)
    {
        await using var scope = Services.CreateAsyncScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        httpContext.Request.Method = method;
        httpContext.Request.Path = path;
        httpContext.Response.Body = new MemoryStream();
        if (bearer is not null)
        {
            httpContext.Request.Headers.Authorization = "Bearer " + bearer;
        }

        var invocation = new WorkerInvocation(functionName, httpContext, scope.ServiceProvider);
        var ran = false;
        var middleware = new ApiEdgeMiddleware(Services.GetRequiredService<ApiEdge>());
        await middleware.Invoke(invocation, async context =>
        {
            ran = true;
            context.GetInvocationResult().Value = await function(httpContext.Request);
        });

        // What the worker's ASP.NET Core integration does with the invocation's result.
        await ((IActionResult)invocation.Result!).ExecuteResultAsync(new ActionContext { HttpContext = httpContext });
        httpContext.Response.Body.Position = 0;
        var text = await new StreamReader(httpContext.Response.Body).ReadToEndAsync(Ct);
        return (httpContext.Response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), httpContext.Response, ran);
    }

    private async Task<List<AuditEntry>> AuditSinceAsync(DateTimeOffset start)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in Services.GetRequiredService<AuditLog>().ReadAsync(start, DateTimeOffset.UtcNow.AddMinutes(1), 100, Ct))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task AdminRoute_WithoutCredential_Is401ProblemAndTheFunctionNeverRuns()
    {
        var admin = new AdminFunctions(Services);

        var answer = await InvokeAsync(nameof(ApiOperations.AdminQueues), "GET", "/api/admin/queues", bearer: null, r => admin.AdminQueues(r, Ct));

        Assert.Equal(401, answer.Status);
        Assert.False(answer.FunctionRan);
        Assert.Equal("application/problem+json; charset=utf-8", answer.Response.ContentType);
        Assert.Equal("credential-required", (string)answer.Body!["code"]!);
        Assert.StartsWith("Bearer", answer.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRoute_WithSubmitterToken_Is403AndTheRefusalIsAudited()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var submitter = await Services.GetRequiredService<AccessTokenStore>().CreateAsync(CallerKind.Submitter, "field phone", "tests", Ct);
        var admin = new AdminFunctions(Services);

        var answer = await InvokeAsync(nameof(ApiOperations.AdminQueues), "GET", "/api/admin/queues", submitter.Secret, r => admin.AdminQueues(r, Ct));

        Assert.Equal(403, answer.Status);
        Assert.False(answer.FunctionRan);
        Assert.Equal("application/problem+json; charset=utf-8", answer.Response.ContentType);
        var refused = Assert.Single(await AuditSinceAsync(start), e => e.Who == submitter.Token.Id);
        Assert.Equal((nameof(ApiOperations.AdminQueues), "refused", 403, "GET /api/admin/queues"), (refused.Action, refused.Outcome, refused.Status, refused.Request));
    }

    [Fact]
    public async Task AdminRoute_WithAdminToken_RunsTheFunctionAndAuditsIt()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var token = await Services.GetRequiredService<AccessTokenStore>().CreateAsync(CallerKind.Admin, "ops", "tests", Ct);
        var admin = new AdminFunctions(Services);

        var answer = await InvokeAsync(nameof(ApiOperations.AdminQueues), "GET", "/api/admin/queues", token.Secret, r => admin.AdminQueues(r, Ct));

        Assert.Equal(200, answer.Status);
        Assert.True(answer.FunctionRan);
        Assert.Contains(answer.Body!.AsArray(), q => (string)q!["name"]! == "reports");
        var audited = Assert.Single(await AuditSinceAsync(start), e => e.Who == token.Token.Id);
        Assert.Equal((nameof(ApiOperations.AdminQueues), "succeeded", 200, "ops"), (audited.Action, audited.Outcome, audited.Status, audited.WhoName));
    }

    [Fact]
    public async Task AnonymousRoute_WithoutCredential_RunsTheFunction()
    {
        var health = new HealthFunctions(Services);

        var answer = await InvokeAsync(nameof(ApiOperations.Health), "GET", "/api/health", bearer: null, r => health.Health(r, Ct));

        Assert.Equal(200, answer.Status);
        Assert.True(answer.FunctionRan);
        Assert.Equal("healthy", (string)answer.Body!["status"]!);
    }

    [Fact]
    public async Task UnknownFunction_IsTreatedAsAdmin_401WithoutACredential()
    {
        var answer = await InvokeAsync("NotARoute", "GET", "/api/whatever", bearer: null, _ => Task.FromResult<IActionResult>(new OkResult()));

        Assert.Equal(401, answer.Status);
        Assert.False(answer.FunctionRan);
    }
}
