using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>HEAD /api/openrosa/submission: 204 with the size limit.</summary>
public sealed class OpenRosaSubmissionHead(OpenRosaApi api)
{
    [Function(nameof(OpenRosaSubmissionHead))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "head", Route = Routes.OpenRosaSubmission)] HttpRequest request) =>
        api.SubmissionInfo();
}
