using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/reports/requeue.</summary>
public sealed class AdminRequeueReports(AdminApi api)
{
    [Function(nameof(AdminRequeueReports))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminRequeueReports)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.RequeueAsync(request, cancellationToken).ConfigureAwait(false);
}
