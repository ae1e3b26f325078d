namespace Intake.Functions;

/// <summary>The reports API (<see cref="ReportsApi"/>), and the web form's campaign and submission (<see cref="WebFormApi"/>).</summary>
public sealed class ReportsFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.SubmitReport))] public Task<IActionResult> SubmitReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Reports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.SubmitReport, request, ct);
    [Function(nameof(ApiOperations.GetReportStatus))] public Task<IActionResult> GetReportStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Report)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.GetReportStatus, request, ct);
    [Function(nameof(ApiOperations.GetCampaign))] public Task<IActionResult> GetCampaign([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Campaign)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.GetCampaign, request, ct);
    [Function(nameof(ApiOperations.SubmitCampaignReport))] public Task<IActionResult> SubmitCampaignReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CampaignReports)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.SubmitCampaignReport, request, ct);
}
