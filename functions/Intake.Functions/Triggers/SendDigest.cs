using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/digests/{date}/send?force=true&amp;subscriber={id}.</summary>
public sealed class SendDigest(DigestApi api)
{
    [Function(nameof(SendDigest))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendDigest)] HttpRequest request,
        string date,
        CancellationToken cancellationToken) =>
        await api.SendAsync(date, request.Query["force"], request.Query["subscriber"], cancellationToken).ConfigureAwait(false);
}
