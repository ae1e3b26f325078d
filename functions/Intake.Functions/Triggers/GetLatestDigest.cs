using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/digests/latest?format=json|md|html.</summary>
public sealed class GetLatestDigest(DigestApi api)
{
    [Function(nameof(GetLatestDigest))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.LatestDigest)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.GetLatestAsync(request.Query["format"], cancellationToken).ConfigureAwait(false);
}
