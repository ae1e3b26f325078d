using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Http;

namespace Intake.SelfHost;

/// <summary>The HTTP routes, as the Functions app's HTTP triggers declare them.</summary>
public static class ReportsEndpoints
{
    /// <summary>Maps every route under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost(Routes.Reports, (HttpRequest request, ReportsApi reports, CancellationToken ct) => reports.SubmitAsync(request, ct))
            .WithName("SubmitReport");
        api.MapGet(Routes.Report, (string id, HttpContext http, ReportsApi reports, CancellationToken ct) => reports.GetStatusAsync(id, Caller.Of(http), ct))
            .WithName("GetReportStatus");
        api.MapGet(Routes.Health, (ReportsApi reports, CancellationToken ct) => reports.HealthAsync(ct))
            .WithName("Health");
        api.MapGet(Routes.ReportSchema, (ReportsApi reports) => reports.Schema())
            .WithName("ReportSchema");
        return endpoints;
    }
}
