using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>DELETE /api/admin/tokens/{id}.</summary>
public sealed class AdminRevokeToken(AdminApi api)
{
    [Function(nameof(AdminRevokeToken))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AdminToken)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await api.RevokeTokenAsync(request.HttpContext, id, cancellationToken).ConfigureAwait(false);
}
