using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/digests/{date}/compile.</summary>
public sealed class CompileDigest(DigestApi api)
{
    [Function(nameof(CompileDigest))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CompileDigest)] HttpRequest request,
        string date,
        CancellationToken cancellationToken) =>
        await api.CompileAsync(date, cancellationToken).ConfigureAwait(false);
}
