using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/openrosa/submission: the same 204 as HEAD.</summary>
public sealed class OpenRosaSubmissionGet(OpenRosaApi api)
{
    [Function(nameof(OpenRosaSubmissionGet))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenRosaSubmission)] HttpRequest request) =>
        api.SubmissionInfo();
}
