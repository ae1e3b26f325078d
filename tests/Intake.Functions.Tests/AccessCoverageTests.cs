using Intake.Core.Access;
using Intake.Core.Http;
using Intake.SelfHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary>
/// Every HTTP route of both hosts is classified by the same Core code from the same template, and
/// only health, the schema, the OpenAPI document and the OpenRosa form list and forms are anonymous.
/// </summary>
public sealed class AccessCoverageTests
{
    // The console's files hold no data: every API call they make sends the signed-in admin token.
    private static readonly string[] MayBeAnonymous = ["health", "schema/report", "openapi.json", "openrosa/formList", "console/{*path}", "console/settings.json", "r/{campaign}/{*path}"];

    private static readonly string[] PartnerRoutes = ["admin/exports/reports", "admin/odata", "admin/odata/$metadata", "admin/odata/Reports"];

    [Fact]
    public void FunctionsMetadata_EveryHttpFunctionIsAnOperationOfTheContract()
    {
        var functions = FunctionsMetadata.Triggers()
            .Where(t => (string)t.Value["type"]! == "httpTrigger")
            .Select(t => $"{t.Key} {((string)t.Value["methods"]![0]!).ToUpperInvariant()} {(string)t.Value["route"]!}")
            .Order(StringComparer.Ordinal);

        var contract = ApiOperations.All.Select(o => $"{o.Name} {o.Method} {o.Route}").Order(StringComparer.Ordinal);

        // The middleware finds each function's operation (and so its access class) by name.
        Assert.Equal(contract, functions);
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
        // Admin routes are admin-only, but for the exports and the OData feed, which partners read too (scoped in the handler).
        Assert.All(routes.Where(r => r.StartsWith("admin/", StringComparison.Ordinal) || r.StartsWith("digests/", StringComparison.Ordinal)),
            r => Assert.Equal(PartnerRoutes.Contains(r) ? RouteClass.Partner : RouteClass.Admin, RouteAccess.Classify(r)));
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
