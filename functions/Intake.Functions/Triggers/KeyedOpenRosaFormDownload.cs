using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/key/{token}/openrosa/forms/{formId}.</summary>
public sealed class KeyedOpenRosaFormDownload(OpenRosaApi api)
{
    [Function(nameof(KeyedOpenRosaFormDownload))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.KeyedOpenRosaForm)] HttpRequest request,
        string formId) =>
        api.FormDownload(formId);
}
