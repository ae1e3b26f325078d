using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/admin/reports.</summary>
public sealed class AdminListReports(AdminApi api, TimeProvider time)
{
    [Function(nameof(AdminListReports))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminReports)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.ListReportsAsync(request, time, cancellationToken).ConfigureAwait(false);
}
