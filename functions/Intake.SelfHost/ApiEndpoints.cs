using Intake.Core.Http;
using Intake.Core.Problems;

namespace Intake.SelfHost;

/// <summary>
/// Maps every operation of the contract (<see cref="ApiOperations"/>) under <c>/api</c>, and runs
/// each request through <see cref="ApiEdge"/> (access gate, failure mapping, audit), as the
/// Functions app's worker middleware does.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Routing, then the edge, then one endpoint per operation.</summary>
    public static WebApplication MapIntakeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            var operation = context.GetEndpoint()?.Metadata.GetMetadata<ApiOperation>();
            var edge = context.RequestServices.GetRequiredService<ApiEdge>();
            var answer = await edge.RunAsync(context, operation, context.TraceIdentifier, () => next(context), () => context.Response.StatusCode).ConfigureAwait(false);
            if (answer is not null && !context.Response.HasStarted)
            {
                await answer.ExecuteAsync(context).ConfigureAwait(false);
            }
            else if (operation is null && !context.Response.HasStarted && context.Response.StatusCode is 404 or 405)
            {
                // Routing answered without an endpoint: keep "every error is problem+json" true here too.
                var problem = context.Response.StatusCode == 404 ? ProblemCatalog.RouteNotFound : ProblemCatalog.MethodNotAllowed;
                await ApiAnswer.FromProblem(problem, "See /api/openapi.json for the routes and their methods.").ExecuteAsync(context).ConfigureAwait(false);
            }
        });

        var api = app.MapGroup("/api");
        foreach (var operation in ApiOperations.All)
        {
            Func<HttpContext, Task<ApiAnswer>> handler = context => operation.InvokeAsync(context.RequestServices, context.Request, context.RequestAborted);
            api.MapMethods(operation.Route, [operation.Method], handler)
                .WithName(operation.Name)
                .WithTags(operation.Tag)
                .WithSummary(operation.Summary)
                .WithMetadata(operation);
        }

        return app;
    }
}
