using Intake.Core.Access;
using Intake.Core.Admin;

namespace Intake.SelfHost;

/// <summary>
/// Access control and audit for every route: the same Core calls as the Functions app's worker
/// middleware (<see cref="AccessGate"/> before the endpoint, <see cref="AuditTrail"/> after).
/// </summary>
public static class AccessControl
{
    /// <summary>Routes first (so the matched endpoint's template is known), then the gate.</summary>
    public static WebApplication UseIntakeAccessControl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            // No endpoint (an unknown path) classifies as admin: unknown callers get 401, not a hint.
            var endpoint = context.GetEndpoint();
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
            var gate = context.RequestServices.GetRequiredService<AccessGate>();
            var denial = await gate.AuthorizeAsync(context, route, context.RequestAborted).ConfigureAwait(false);
            if (denial is not null)
            {
                await denial.ExecuteAsync(context).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }

            var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? route ?? "(no route)";
            await context.RequestServices.GetRequiredService<AuditTrail>()
                .RecordAsync(context, action, route, context.Response.StatusCode, CancellationToken.None).ConfigureAwait(false);
        });
        return app;
    }
}
