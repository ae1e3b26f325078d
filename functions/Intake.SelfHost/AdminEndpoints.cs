using Intake.Core.Admin;
using Intake.Core.Configuration;

namespace Intake.SelfHost;

/// <summary>The admin routes, as the Functions app's Admin* HTTP triggers declare them.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps the admin routes under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet(Routes.AdminQueues, (HttpContext http, AdminApi admin, CancellationToken ct) => admin.QueuesAsync(http, ct))
            .WithName("AdminQueues");
        api.MapGet(Routes.AdminPoison, (HttpContext http, AdminApi admin, CancellationToken ct) => admin.PoisonAsync(http, ct))
            .WithName("AdminPoison");
        api.MapPost(Routes.AdminReprocessPoison, (HttpRequest request, AdminApi admin, CancellationToken ct) => admin.ReprocessPoisonAsync(request, ct))
            .WithName("AdminReprocessPoison");
        api.MapGet(Routes.AdminReports, (HttpRequest request, AdminApi admin, TimeProvider time, CancellationToken ct) => admin.ListReportsAsync(request, time, ct))
            .WithName("AdminListReports");
        api.MapPost(Routes.AdminRequeueReports, (HttpRequest request, AdminApi admin, CancellationToken ct) => admin.RequeueAsync(request, ct))
            .WithName("AdminRequeueReports");
        api.MapPost(Routes.AdminReconcile, (HttpContext http, AdminApi admin, CancellationToken ct) => admin.ReconcileAsync(http, ct))
            .WithName("AdminReconcile");
        api.MapGet(Routes.AdminAudit, (HttpRequest request, AdminApi admin, TimeProvider time, CancellationToken ct) => admin.AuditAsync(request, time, ct))
            .WithName("AdminAuditLog");
        api.MapGet(Routes.AdminTokens, (HttpContext http, AdminApi admin, CancellationToken ct) => admin.ListTokensAsync(http, ct))
            .WithName("AdminListTokens");
        api.MapPost(Routes.AdminTokens, (HttpRequest request, AdminApi admin, CancellationToken ct) => admin.CreateTokenAsync(request, ct))
            .WithName("AdminCreateToken");
        api.MapDelete(Routes.AdminToken, (string id, HttpContext http, AdminApi admin, CancellationToken ct) => admin.RevokeTokenAsync(http, id, ct))
            .WithName("AdminRevokeToken");
        return endpoints;
    }
}
