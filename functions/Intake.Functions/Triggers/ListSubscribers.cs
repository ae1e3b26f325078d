using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>GET /api/admin/subscribers.</summary>
public sealed class ListSubscribers(DigestApi api)
{
    [Function(nameof(ListSubscribers))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Subscribers)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.ListSubscribersAsync(cancellationToken).ConfigureAwait(false);
}
