using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/key/{token}/openrosa/submission.</summary>
public sealed class KeyedOpenRosaSubmit(OpenRosaApi api)
{
    [Function(nameof(KeyedOpenRosaSubmit))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.KeyedOpenRosaSubmission)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
}
