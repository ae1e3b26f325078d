namespace Intake.Functions;

/// <summary>The reports API (<see cref="ReportsApi"/>).</summary>
public sealed class ReportsFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.SubmitReport))] public Task<IActionResult> SubmitReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Reports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.SubmitReport, request, ct);
    [Function(nameof(ApiOperations.GetReportStatus))] public Task<IActionResult> GetReportStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Report)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.GetReportStatus, request, ct);
}
