namespace Intake.Functions;

/// <summary>The admin API (<see cref="AdminApi"/>): queues, poison, reports, reconcile, audit, tokens; and places (<see cref="PlacesApi"/>): unresolved names, aliases.</summary>
public sealed class AdminFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.AdminQueues))]
    public Task<IActionResult> AdminQueues([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminQueues)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminQueues, request, ct);

    [Function(nameof(ApiOperations.AdminPoison))]
    public Task<IActionResult> AdminPoison([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminPoison)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminPoison, request, ct);

    [Function(nameof(ApiOperations.AdminReprocessPoison))]
    public Task<IActionResult> AdminReprocessPoison([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminReprocessPoison)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminReprocessPoison, request, ct);

    [Function(nameof(ApiOperations.AdminListReports))]
    public Task<IActionResult> AdminListReports([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminReports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminListReports, request, ct);

    [Function(nameof(ApiOperations.AdminRequeueReports))]
    public Task<IActionResult> AdminRequeueReports([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminRequeueReports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminRequeueReports, request, ct);

    [Function(nameof(ApiOperations.AdminReconcile))]
    public Task<IActionResult> AdminReconcile([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminReconcile)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminReconcile, request, ct);

    [Function(nameof(ApiOperations.AdminAuditLog))]
    public Task<IActionResult> AdminAuditLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAudit)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminAuditLog, request, ct);

    [Function(nameof(ApiOperations.AdminListTokens))]
    public Task<IActionResult> AdminListTokens([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminTokens)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminListTokens, request, ct);

    [Function(nameof(ApiOperations.AdminCreateToken))]
    public Task<IActionResult> AdminCreateToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminTokens)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminCreateToken, request, ct);

    [Function(nameof(ApiOperations.AdminRevokeToken))]
    public Task<IActionResult> AdminRevokeToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AdminToken)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminRevokeToken, request, ct);

    [Function(nameof(ApiOperations.AdminUnresolvedPlaces))]
    public Task<IActionResult> AdminUnresolvedPlaces([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminUnresolvedPlaces)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminUnresolvedPlaces, request, ct);

    [Function(nameof(ApiOperations.AdminListPlaceAliases))]
    public Task<IActionResult> AdminListPlaceAliases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminPlaceAliases)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminListPlaceAliases, request, ct);

    [Function(nameof(ApiOperations.AdminAddPlaceAlias))]
    public Task<IActionResult> AdminAddPlaceAlias([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminPlaceAliases)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminAddPlaceAlias, request, ct);

    [Function(nameof(ApiOperations.AdminRemovePlaceAlias))]
    public Task<IActionResult> AdminRemovePlaceAlias([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AdminPlaceAlias)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AdminRemovePlaceAlias, request, ct);
}
