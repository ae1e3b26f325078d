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

        var answer = await RunAsync(
            edge, httpContext, context.FunctionDefinition.Name, context.InvocationId, context.BindingContext.BindingData,
            () => next(context), () => StatusOf(context, httpContext)).ConfigureAwait(false);
        if (answer is not null)
        {
            context.GetInvocationResult().Value = answer;
        }
    }

    /// <summary>
    /// What the middleware does with one HTTP invocation, apart from reading the worker's context:
    /// finds the function's operation, gives the handler its route values, and runs the edge.
    /// </summary>
    /// <returns>The answer to use instead of the function's (a refusal or a mapped failure), or null.</returns>
    public static Task<ApiAnswer?> RunAsync(
        ApiEdge edge, HttpContext httpContext, string functionName, string invocationId,
        IReadOnlyDictionary<string, object?> bindingData, Func<Task> function, Func<int> status)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(httpContext);
        var operation = ApiOperations.Find(functionName);
        if (operation is not null)
        {
            CopyRouteValues(operation, bindingData, httpContext.Request);
        }

        return edge.RunAsync(httpContext, operation, invocationId, function, status);
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
