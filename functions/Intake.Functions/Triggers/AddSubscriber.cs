using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>POST /api/admin/subscribers.</summary>
public sealed class AddSubscriber(DigestApi api)
{
    [Function(nameof(AddSubscriber))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscribers)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await api.AddSubscriberAsync(request, cancellationToken).ConfigureAwait(false);
}
