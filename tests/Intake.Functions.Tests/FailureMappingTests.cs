using System.Text.Json.Nodes;
using Azure;
using Intake.Core.Access;
using Intake.Core.Hosting;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>
/// A function that throws answers problem details, as in the self-host: the worker middleware's
/// path (operation by function name, then <see cref="ApiEdge"/>) with a handler that fails.
/// </summary>
public sealed class FailureMappingTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddIntakeCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build())
        .BuildServiceProvider();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task<(ApiAnswer Answer, JsonNode Body)> InvokeThrowingAsync(string function, Exception failure)
    {
        var context = new DefaultHttpContext();
        // The health function is anonymous, so the gate lets the request through to the failing handler.
        var answer = await ApiEdgeMiddleware.RunAsync(
            _services.GetRequiredService<ApiEdge>(), context, function, "invocation-42", new Dictionary<string, object?>(),
            () => throw failure, () => context.Response.StatusCode);
        return (answer!, JsonNode.Parse(answer!.Body)!);
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsUnexpectedly_500ProblemWithTheInvocationIdAndNoExceptionText()
    {
        var (answer, body) = await InvokeThrowingAsync(nameof(ApiOperations.Health), new InvalidOperationException("do-not-leak: AccountKey=c2VjcmV0"));

        Assert.Equal(500, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("internal-error", (string)body["code"]!);
        Assert.Equal("invocation-42", (string)body["correlationId"]!);
        Assert.DoesNotContain("do-not-leak", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StorageFails_503WithRetryAfter()
    {
        var (answer, body) = await InvokeThrowingAsync(nameof(ApiOperations.Health), new RequestFailedException(503, "Server busy"));

        Assert.Equal(503, answer.StatusCode);
        Assert.Equal("storage-unavailable", (string)body["code"]!);
        Assert.Equal("10", answer.Headers["Retry-After"]);
    }

    [Fact]
    public async Task RunAsync_OpenRosaFunctionFails_AnswersOpenRosaXml()
    {
        var context = new DefaultHttpContext();
        var answer = await ApiEdgeMiddleware.RunAsync(
            _services.GetRequiredService<ApiEdge>(), context, nameof(ApiOperations.OpenRosaFormList), "invocation-7", new Dictionary<string, object?>(),
            () => throw new InvalidOperationException("boom"), () => context.Response.StatusCode);

        Assert.Equal(500, answer!.StatusCode);
        Assert.Contains("OpenRosaResponse", System.Text.Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownFunction_IsTreatedAsAdminAndRefused()
    {
        var context = new DefaultHttpContext();
        var ran = false;

        var answer = await ApiEdgeMiddleware.RunAsync(
            _services.GetRequiredService<ApiEdge>(), context, "SomethingNew", "invocation-8", new Dictionary<string, object?>(),
            () => { ran = true; return Task.CompletedTask; }, () => context.Response.StatusCode);

        Assert.False(ran);
        Assert.Equal(401, answer!.StatusCode);
        Assert.Equal(RouteClass.Admin, RouteAccess.Classify("something/new"));
    }
}
