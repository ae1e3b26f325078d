using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/reports.</summary>
public sealed class SubmitReport(ReportsApi api)
{
    [Function(nameof(SubmitReport))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Reports)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
}
