using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Health;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>GET /api/health</c>.</summary>
    public static readonly ApiOperation Health = ApiOperation.Of<HealthApi>(
        nameof(Health), "GET", Routes.Health, RouteClass.Anonymous,
        "Whether blob, queue and table storage answer.",
        (api, _, ct) => api.HealthAsync(ct)) with
    {
        Responses =
        [
            new(200, "Storage answers.", new ApiContent(Json, typeof(HealthReport))),
            new(503, "Storage does not answer (with Retry-After).", new ApiContent(Json, typeof(HealthReport))),
        ],
    };

    /// <summary><c>GET /api/schema/report</c>.</summary>
    public static readonly ApiOperation ReportSchema = ApiOperation.Of<HealthApi>(
        nameof(ReportSchema), "GET", Routes.ReportSchema, RouteClass.Anonymous,
        "The JSON Schema of the report, with a complete example and the category taxonomy.",
        (api, _, _) => Task.FromResult(api.Schema())) with
    {
        Responses = [new(200, "The report's JSON Schema (2020-12).", new ApiContent("application/schema+json"))],
    };

    /// <summary><c>GET /api/openapi.json</c>.</summary>
    public static readonly ApiOperation OpenApi = ApiOperation.Of<HealthApi>(
        nameof(OpenApi), "GET", Routes.OpenApi, RouteClass.Anonymous,
        "This API as an OpenAPI 3.1 document, written from the same table both hosts route by.",
        (api, _, _) => Task.FromResult(api.OpenApi())) with
    {
        Responses = [new(200, "The OpenAPI 3.1 document.", new ApiContent(Json))],
    };

    private static IEnumerable<ApiOperation> HealthGroup => [Health, ReportSchema, OpenApi];
}
