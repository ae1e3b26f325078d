using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions;

/// <summary>
/// The base of the HTTP function classes: each function is one attribute (the isolated worker
/// needs one per function) and one call to its <see cref="ApiOperation"/>; access, failures and
/// audit are the middleware's (<see cref="ApiEdgeMiddleware"/>).
/// </summary>
public abstract class ApiFunctions(IServiceProvider services)
{
    /// <summary>Runs an operation of the contract.</summary>
    protected async Task<IActionResult> RunAsync(ApiOperation operation, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return await operation.InvokeAsync(services, request, cancellationToken).ConfigureAwait(false);
    }
}
