using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/key/{token}/openrosa/formList (the token is checked by the access layer).</summary>
public sealed class KeyedOpenRosaFormList(OpenRosaApi api)
{
    [Function(nameof(KeyedOpenRosaFormList))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.KeyedOpenRosaFormList)] HttpRequest request) =>
        api.FormList(request);
}
