using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/openrosa/submission: one OpenRosa submission (multipart/form-data).</summary>
public sealed class OpenRosaSubmit(OpenRosaApi api)
{
    [Function(nameof(OpenRosaSubmit))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.OpenRosaSubmission)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
}
