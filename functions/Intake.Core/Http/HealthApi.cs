using Intake.Core.Health;
using Intake.Core.Submissions;

namespace Intake.Core.Http;

/// <summary>The anonymous routes that describe the service: its health, the report's schema and the OpenAPI document.</summary>
public sealed class HealthApi(StorageHealth health, ReportSchemaDocument schema, OpenApiDocument openApi)
{
    /// <summary><c>GET /api/health</c>: 200 when storage answers, 503 with <c>Retry-After</c> when not.</summary>
    public async Task<ApiAnswer> HealthAsync(CancellationToken cancellationToken = default)
    {
        var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        var answer = ApiAnswer.JsonBody(report.IsHealthy ? 200 : 503, report);
        return report.IsHealthy
            ? answer
            : answer.WithRetryAfter(StorageResilience.BreakDuration);
    }

    /// <summary><c>GET /api/schema/report</c>: the JSON Schema of the report, with the taxonomy.</summary>
    public ApiAnswer Schema() => ApiAnswer.Bytes(200, "application/schema+json", schema.Utf8);

    /// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document.</summary>
    public ApiAnswer OpenApi() => ApiAnswer.Bytes(200, "application/json; charset=utf-8", openApi.Utf8);
}
