using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Configuration;
using Intake.Core.Problems;
using Intake.Core.Reconciliation;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>GET /api/admin/queues</c>.</summary>
    public static readonly ApiOperation AdminQueues = ApiOperation.Of<AdminApi>(
        nameof(AdminQueues), "GET", Routes.AdminQueues, RouteClass.Admin,
        "The storage queues with their approximate and poison counts.",
        (api, request, ct) => api.QueuesAsync(request.HttpContext, ct)) with
    {
        Responses = [new(200, "One row per queue.", new ApiContent(Json, typeof(IReadOnlyList<QueueCounts>)))],
    };

    /// <summary><c>GET /api/admin/poison</c>.</summary>
    public static readonly ApiOperation AdminPoison = ApiOperation.Of<AdminApi>(
        nameof(AdminPoison), "GET", Routes.AdminPoison, RouteClass.Admin,
        "The oldest poison messages (at most 32) with each report's last error.",
        (api, request, ct) => api.PoisonAsync(request.HttpContext, ct)) with
    {
        Responses = [new(200, "The poison messages.", new ApiContent(Json, typeof(IReadOnlyList<PoisonMessage>)))],
    };

    /// <summary><c>POST /api/admin/poison/reprocess</c>.</summary>
    public static readonly ApiOperation AdminReprocessPoison = ApiOperation.Of<AdminApi>(
        nameof(AdminReprocessPoison), "POST", Routes.AdminReprocessPoison, RouteClass.Admin,
        "Moves poison messages back to the processing queue, by filter (an empty body moves all).",
        (api, request, ct) => api.ReprocessPoisonAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(ReprocessRequest)),
        Responses = [new(200, "What was matched and moved.", new ApiContent(Json, typeof(BatchResult)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>GET /api/admin/reports</c>.</summary>
    public static readonly ApiOperation AdminListReports = ApiOperation.Of<AdminApi>(
        nameof(AdminListReports), "GET", Routes.AdminReports, RouteClass.Admin,
        "The reports that need attention (failed, needs-review, encrypted, received) by day of receipt, newest first.",
        (api, request, ct) => api.ListReportsAsync(request, ct)) with
    {
        Query =
        [
            new("from", $"First UTC day of receipt (default: {ReportListQuery.DefaultDays - 1} days before to).", Format: "date"),
            new("to", "Last UTC day of receipt (default: today).", Format: "date"),
            new("status", "Comma-separated statuses (default: failed,needs-review,encrypted,received)."),
            new("max", $"Most rows, 1 to {ReportListQuery.MaxRows} (default {ReportListQuery.DefaultMax}).", "integer"),
        ],
        Responses = [new(200, "One page of reports.", new ApiContent(Json, typeof(ReportListPage)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>POST /api/admin/reports/requeue</c>.</summary>
    public static readonly ApiOperation AdminRequeueReports = ApiOperation.Of<AdminApi>(
        nameof(AdminRequeueReports), "POST", Routes.AdminRequeueReports, RouteClass.Admin,
        "Queues already indexed reports again (forced reprocessing), by filter.",
        (api, request, ct) => api.RequeueAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(RequeueRequest)),
        Responses = [new(200, "What was matched and queued.", new ApiContent(Json, typeof(BatchResult)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>POST /api/admin/reconcile</c>.</summary>
    public static readonly ApiOperation AdminReconcile = ApiOperation.Of<AdminApi>(
        nameof(AdminReconcile), "POST", Routes.AdminReconcile, RouteClass.Admin,
        "Runs the reconciler now: indexes and queues stored reports a crash left unfinished.",
        (api, request, ct) => api.ReconcileAsync(request.HttpContext, ct)) with
    {
        Responses = [new(200, "What it repaired.", new ApiContent(Json, typeof(ReconcileSummary)))],
    };

    /// <summary><c>GET /api/admin/audit</c>.</summary>
    public static readonly ApiOperation AdminAuditLog = ApiOperation.Of<AdminApi>(
        nameof(AdminAuditLog), "GET", Routes.AdminAudit, RouteClass.Admin,
        "The audit log in a time window (default: the last 24 hours).",
        (api, request, ct) => api.AuditAsync(request, ct)) with
    {
        Query =
        [
            new("from", "Start (ISO 8601 with offset; default: a day before to).", Format: "date-time"),
            new("to", "End (default: now).", Format: "date-time"),
            new("max", "Most rows (1 to 5000).", "integer"),
        ],
        Responses = [new(200, "Audit rows, oldest first.", new ApiContent(Json, typeof(IReadOnlyList<AuditEntry>)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>GET /api/admin/tokens</c>.</summary>
    public static readonly ApiOperation AdminListTokens = ApiOperation.Of<AdminApi>(
        nameof(AdminListTokens), "GET", Routes.AdminTokens, RouteClass.Admin,
        "Every access token, without secrets.",
        (api, request, ct) => api.ListTokensAsync(request.HttpContext, ct)) with
    {
        Responses = [new(200, "The tokens.", new ApiContent(Json, typeof(IReadOnlyList<TokenView>)))],
    };

    /// <summary><c>POST /api/admin/tokens</c>.</summary>
    public static readonly ApiOperation AdminCreateToken = ApiOperation.Of<AdminApi>(
        nameof(AdminCreateToken), "POST", Routes.AdminTokens, RouteClass.Admin,
        "Issues a submitter or admin token; the answer carries its secret, once.",
        (api, request, ct) => api.CreateTokenAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(TokenRequest)),
        Responses = [new(201, "The token with its secret (shown only now).", new ApiContent(Json, typeof(TokenView)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>DELETE /api/admin/tokens/{id}</c>.</summary>
    public static readonly ApiOperation AdminRevokeToken = ApiOperation.Of<AdminApi>(
        nameof(AdminRevokeToken), "DELETE", Routes.AdminToken, RouteClass.Admin,
        "Revokes a token; it fails from the next request on.",
        (api, request, ct) => api.RevokeTokenAsync(request.HttpContext, request.Route("id"), ct)) with
    {
        Responses = [new(200, "The revoked token.", new ApiContent(Json, typeof(TokenView)))],
        Problems = [ProblemCatalog.TokenNotFound],
    };

    private static IEnumerable<ApiOperation> AdminGroup =>
    [
        AdminQueues, AdminPoison, AdminReprocessPoison, AdminListReports, AdminRequeueReports, AdminReconcile,
        AdminAuditLog, AdminListTokens, AdminCreateToken, AdminRevokeToken,
    ];
}
