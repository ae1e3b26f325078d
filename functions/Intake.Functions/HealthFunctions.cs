namespace Intake.Functions;

/// <summary>The anonymous routes that describe the service (<see cref="HealthApi"/>), the web console's files (<see cref="ConsoleApi"/>) and the web form's files (<see cref="WebFormApi"/>).</summary>
public sealed class HealthFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.Health))] public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.Health, request, ct);
    [Function(nameof(ApiOperations.ReportSchema))] public Task<IActionResult> ReportSchema([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ReportSchema)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.ReportSchema, request, ct);
    [Function(nameof(ApiOperations.OpenApi))] public Task<IActionResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApi)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.OpenApi, request, ct);
    [Function(nameof(ApiOperations.Console))] public Task<IActionResult> Console([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Console)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.Console, request, ct);
    [Function(nameof(ApiOperations.ConsoleSettings))] public Task<IActionResult> ConsoleSettings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleSettings)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.ConsoleSettings, request, ct);
    [Function(nameof(ApiOperations.WebForm))] public Task<IActionResult> WebForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.WebForm)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.WebForm, request, ct);
}
