using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/admin/queues.</summary>
public sealed class AdminQueues(AdminApi api)
{
    [Function(nameof(AdminQueues))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminQueues)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.QueuesAsync(request.HttpContext, cancellationToken).ConfigureAwait(false);
}
