using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/openrosa/forms/{formId}.</summary>
public sealed class OpenRosaFormDownload(OpenRosaApi api)
{
    [Function(nameof(OpenRosaFormDownload))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenRosaForm)] HttpRequest request,
        string formId) =>
        api.FormDownload(formId);
}
