using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/admin/audit.</summary>
public sealed class AdminAuditLog(AdminApi api, TimeProvider time)
{
    [Function(nameof(AdminAuditLog))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAudit)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.AuditAsync(request, time, cancellationToken).ConfigureAwait(false);
}
