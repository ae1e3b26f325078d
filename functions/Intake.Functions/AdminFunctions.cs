namespace Intake.Functions;

/// <summary>The admin API (<see cref="AdminApi"/>): queues, poison, reports, reconcile, audit, tokens.</summary>
public sealed class AdminFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.AdminQueues))] public Task<IActionResult> AdminQueues([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminQueues)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminQueues, request, ct);
    [Function(nameof(ApiOperations.AdminPoison))] public Task<IActionResult> AdminPoison([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminPoison)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminPoison, request, ct);
    [Function(nameof(ApiOperations.AdminReprocessPoison))] public Task<IActionResult> AdminReprocessPoison([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminReprocessPoison)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminReprocessPoison, request, ct);
    [Function(nameof(ApiOperations.AdminListReports))] public Task<IActionResult> AdminListReports([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminReports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminListReports, request, ct);
    [Function(nameof(ApiOperations.AdminRequeueReports))] public Task<IActionResult> AdminRequeueReports([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminRequeueReports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminRequeueReports, request, ct);
    [Function(nameof(ApiOperations.AdminReconcile))] public Task<IActionResult> AdminReconcile([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminReconcile)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminReconcile, request, ct);
    [Function(nameof(ApiOperations.AdminAuditLog))] public Task<IActionResult> AdminAuditLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAudit)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminAuditLog, request, ct);
    [Function(nameof(ApiOperations.AdminListTokens))] public Task<IActionResult> AdminListTokens([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminTokens)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminListTokens, request, ct);
    [Function(nameof(ApiOperations.AdminCreateToken))] public Task<IActionResult> AdminCreateToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminTokens)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminCreateToken, request, ct);
    [Function(nameof(ApiOperations.AdminRevokeToken))] public Task<IActionResult> AdminRevokeToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AdminToken)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminRevokeToken, request, ct);
}
