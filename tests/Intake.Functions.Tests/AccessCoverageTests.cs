using Intake.Core.Access;
using Intake.Functions;
using Intake.SelfHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary>
/// Every HTTP route of both hosts is classified by the same Core code from the same template, and
/// only health and the schema (and an OpenRosa form list, once there is one) are anonymous.
/// </summary>
public sealed class AccessCoverageTests
{
    private static readonly string[] MayBeAnonymous = ["health", "schema/report", "openrosa/formList"];

    [Fact]
    public void FunctionsMiddleware_FindsTheRouteOfEveryHttpFunction()
    {
        var http = FunctionsMetadata.Load()
            .Select(f => f!.AsObject())
            .Where(f => f["bindings"]!.AsArray().Any(b => (string)b!["type"]! == "httpTrigger"))
            .ToList();

        Assert.NotEmpty(http);
        Assert.All(http, f => Assert.Equal(
            (string)f["bindings"]!.AsArray().Single(b => (string)b!["type"]! == "httpTrigger")!["route"]!,
            AccessControlMiddleware.RouteOf((string)f["entryPoint"]!)));
    }

    [Fact]
    public void FunctionsRoutes_OnlyHealthAndSchemaAreAnonymous()
    {
        var routes = FunctionsMetadata.Triggers().Values
            .Where(t => (string)t["type"]! == "httpTrigger")
            .Select(t => (string)t["route"]!)
            .ToList();

        var anonymous = routes.Where(r => RouteAccess.Classify(r) == RouteClass.Anonymous).ToList();

        Assert.Contains("health", anonymous);
        Assert.Contains("schema/report", anonymous);
        Assert.All(anonymous, r => Assert.True(MayBeAnonymous.Contains(r) || r.StartsWith("openrosa/forms/", StringComparison.Ordinal), $"{r} is anonymous"));
        Assert.All(routes.Where(r => r.StartsWith("admin/", StringComparison.Ordinal) || r.StartsWith("digests/", StringComparison.Ordinal)),
            r => Assert.Equal(RouteClass.Admin, RouteAccess.Classify(r)));
    }

    [Fact]
    public async Task SelfHostRoutes_ClassifiedLikeTheFunctionsRoutes()
    {
        await using var app = IntakeSelfHost.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));
        var selfHost = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, e => RouteAccess.Classify(e.RoutePattern.RawText));
        var functions = FunctionsMetadata.Triggers()
            .Where(t => (string)t.Value["type"]! == "httpTrigger")
            .ToDictionary(t => t.Key, t => RouteAccess.Classify((string)t.Value["route"]!));

        Assert.Equal(functions.OrderBy(p => p.Key, StringComparer.Ordinal), selfHost.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, RouteClass.Admin)]
    [InlineData("something/new", RouteClass.Admin)]
    [InlineData("/api/reports/{id}", RouteClass.Submitter)]
    [InlineData("key/{token}/openrosa/submission", RouteClass.Submitter)]
    [InlineData("key/{token}/admin/queues", RouteClass.Admin)]
    [InlineData("openrosa/forms/{formId}", RouteClass.Anonymous)]
    [InlineData("digests/{date}", RouteClass.Admin)]
    public void Classify_Template_FailsClosed(string? template, RouteClass expected) =>
        Assert.Equal(expected, RouteAccess.Classify(template));
}
