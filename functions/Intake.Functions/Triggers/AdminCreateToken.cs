using Intake.Core.Admin;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/tokens.</summary>
public sealed class AdminCreateToken(AdminApi api)
{
    [Function(nameof(AdminCreateToken))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminTokens)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.CreateTokenAsync(request, cancellationToken).ConfigureAwait(false);
}
