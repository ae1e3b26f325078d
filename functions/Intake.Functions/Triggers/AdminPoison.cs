using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/admin/poison.</summary>
public sealed class AdminPoison(AdminApi api)
{
    [Function(nameof(AdminPoison))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminPoison)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.PoisonAsync(request.HttpContext, cancellationToken).ConfigureAwait(false);
}
