using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/reports/{id}.</summary>
public sealed class GetReportStatus(ReportsApi api)
{
    [Function(nameof(GetReportStatus))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Report)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await api.GetStatusAsync(id, Caller.Of(request.HttpContext), cancellationToken).ConfigureAwait(false);
}
