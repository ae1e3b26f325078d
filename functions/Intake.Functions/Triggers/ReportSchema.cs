using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/schema/report.</summary>
public sealed class ReportSchema(ReportsApi api)
{
    [Function(nameof(ReportSchema))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ReportSchema)] HttpRequest request) =>
        api.Schema();
}
