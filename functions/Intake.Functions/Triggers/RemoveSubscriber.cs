using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>DELETE /api/admin/subscribers/{id}.</summary>
public sealed class RemoveSubscriber(DigestApi api)
{
    [Function(nameof(RemoveSubscriber))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Subscriber)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await api.RemoveSubscriberAsync(id, cancellationToken).ConfigureAwait(false);
}
