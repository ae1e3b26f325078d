namespace Intake.Functions;

/// <summary>The digest API (<see cref="DigestApi"/>): reading digests, subscribers, compiling and sending; and the alert routes (<see cref="AlertsApi"/>: backtest; flash webhooks and deliveries).</summary>
public sealed class DigestFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.GetDigest))] public Task<IActionResult> GetDigest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Digest)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.GetDigest, request, ct);
    [Function(nameof(ApiOperations.GetLatestDigest))] public Task<IActionResult> GetLatestDigest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.LatestDigest)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.GetLatestDigest, request, ct);
    [Function(nameof(ApiOperations.ListSubscribers))] public Task<IActionResult> ListSubscribers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Subscribers)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.ListSubscribers, request, ct);
    [Function(nameof(ApiOperations.AddSubscriber))] public Task<IActionResult> AddSubscriber([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscribers)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AddSubscriber, request, ct);
    [Function(nameof(ApiOperations.RemoveSubscriber))] public Task<IActionResult> RemoveSubscriber([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Subscriber)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.RemoveSubscriber, request, ct);
    [Function(nameof(ApiOperations.CompileDigest))] public Task<IActionResult> CompileDigest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CompileDigest)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.CompileDigest, request, ct);
    [Function(nameof(ApiOperations.SendDigest))] public Task<IActionResult> SendDigest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendDigest)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.SendDigest, request, ct);
    [Function(nameof(ApiOperations.AlertsBacktest))] public Task<IActionResult> AlertsBacktest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AlertsBacktest)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.AlertsBacktest, request, ct);
}
