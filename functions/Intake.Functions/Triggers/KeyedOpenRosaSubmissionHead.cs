using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>HEAD /api/key/{token}/openrosa/submission.</summary>
public sealed class KeyedOpenRosaSubmissionHead(OpenRosaApi api)
{
    [Function(nameof(KeyedOpenRosaSubmissionHead))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "head", Route = Routes.KeyedOpenRosaSubmission)] HttpRequest request) =>
        api.SubmissionInfo();
}
