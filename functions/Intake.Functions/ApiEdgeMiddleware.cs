using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Intake.Functions;

/// <summary>
/// Runs every HTTP function through <see cref="ApiEdge"/> (access gate, failure mapping, audit),
/// as the self-host's middleware does. The operation is found by function name in
/// <see cref="ApiOperations"/>; a refusal or failure becomes the invocation result, which the
/// ASP.NET Core integration writes out.
/// </summary>
public sealed class ApiEdgeMiddleware(ApiEdge edge) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var httpContext = context.GetHttpContext();
        if (httpContext is null)
        {
            // Queue and timer triggers.
            await next(context).ConfigureAwait(false);
            return;
        }

        var operation = ApiOperations.Find(context.FunctionDefinition.Name);
        if (operation is not null)
        {
            CopyRouteValues(operation, context.BindingContext.BindingData, httpContext.Request);
        }

        var answer = await edge.RunAsync(httpContext, operation, context.InvocationId, () => next(context), () => StatusOf(context, httpContext)).ConfigureAwait(false);
        if (answer is not null)
        {
            context.GetInvocationResult().Value = answer;
        }
    }

    /// <summary>The host binds route parameters as trigger data; handlers read them as route values, as in the self-host.</summary>
    public static void CopyRouteValues(ApiOperation operation, IReadOnlyDictionary<string, object?> bindingData, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(bindingData);
        ArgumentNullException.ThrowIfNull(request);
        foreach (var name in operation.RouteParameters)
        {
            if (!request.RouteValues.ContainsKey(name) && bindingData.TryGetValue(name, out var value))
            {
                request.RouteValues[name] = value;
            }
        }
    }

    private static int StatusOf(FunctionContext context, HttpContext httpContext) => context.GetInvocationResult().Value switch
    {
        IStatusCodeActionResult { StatusCode: { } code } => code,
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => httpContext.Response.StatusCode,
    };
}
