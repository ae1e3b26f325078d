using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/digests/{date}?format=json|md|html.</summary>
public sealed class GetDigest(DigestApi api)
{
    [Function(nameof(GetDigest))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Digest)] HttpRequest request,
        string date,
        CancellationToken cancellationToken) =>
        await api.GetAsync(date, request.Query["format"], cancellationToken).ConfigureAwait(false);
}
