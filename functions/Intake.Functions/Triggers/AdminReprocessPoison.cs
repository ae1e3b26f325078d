using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/poison/reprocess.</summary>
public sealed class AdminReprocessPoison(AdminApi api)
{
    [Function(nameof(AdminReprocessPoison))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminReprocessPoison)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.ReprocessPoisonAsync(request, cancellationToken).ConfigureAwait(false);
}
