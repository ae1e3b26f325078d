using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/admin/tokens.</summary>
public sealed class AdminListTokens(AdminApi api)
{
    [Function(nameof(AdminListTokens))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminTokens)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.ListTokensAsync(request.HttpContext, cancellationToken).ConfigureAwait(false);
}
