using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/key/{token}/openrosa/submission.</summary>
public sealed class KeyedOpenRosaSubmissionGet(OpenRosaApi api)
{
    [Function(nameof(KeyedOpenRosaSubmissionGet))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.KeyedOpenRosaSubmission)] HttpRequest request) =>
        api.SubmissionInfo();
}
