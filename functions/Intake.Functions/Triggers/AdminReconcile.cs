using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/reconcile.</summary>
public sealed class AdminReconcile(AdminApi api)
{
    [Function(nameof(AdminReconcile))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminReconcile)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.ReconcileAsync(request.HttpContext, cancellationToken).ConfigureAwait(false);
}
