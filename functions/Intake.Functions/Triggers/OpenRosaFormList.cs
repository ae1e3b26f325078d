using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/openrosa/formList.</summary>
public sealed class OpenRosaFormList(OpenRosaApi api)
{
    [Function(nameof(OpenRosaFormList))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenRosaFormList)] HttpRequest request) =>
        api.FormList(request);
}
