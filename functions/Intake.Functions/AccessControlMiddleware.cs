using System.Collections.Concurrent;
using System.Reflection;
using Intake.Core.Access;
using Intake.Core.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Intake.Functions;

/// <summary>
/// Access control and audit for every HTTP function: the same Core calls as the self-host's
/// middleware (<see cref="AccessGate"/> before, <see cref="AuditTrail"/> after). A refused request
/// never reaches the function: its answer becomes the invocation result, which the ASP.NET Core
/// integration writes out.
/// </summary>
public sealed class AccessControlMiddleware(AccessGate gate, AuditTrail audit) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, string?> RouteByEntryPoint = new(StringComparer.Ordinal);

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

        var route = RouteOf(context.FunctionDefinition.EntryPoint);
        var denial = await gate.AuthorizeAsync(httpContext, route, context.CancellationToken).ConfigureAwait(false);
        if (denial is not null)
        {
            context.GetInvocationResult().Value = denial;
        }
        else
        {
            await next(context).ConfigureAwait(false);
        }

        var status = context.GetInvocationResult().Value switch
        {
            IStatusCodeActionResult { StatusCode: { } code } => code,
            IStatusCodeHttpResult { StatusCode: { } code } => code,
            _ => httpContext.Response.StatusCode,
        };
        await audit.RecordAsync(httpContext, context.FunctionDefinition.Name, route, status, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The <c>Route</c> of the function's <see cref="HttpTriggerAttribute"/>, found from its entry point (<c>Namespace.Type.Method</c>).</summary>
    public static string? RouteOf(string entryPoint) =>
        RouteByEntryPoint.GetOrAdd(entryPoint, static name =>
        {
            var split = name.LastIndexOf('.');
            var method = typeof(AccessControlMiddleware).Assembly.GetType(name[..split])?.GetMethod(name[(split + 1)..]);
            return method?.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .FirstOrDefault(a => a is not null)?.Route;
        });
}
