using Intake.Core.Access;
using Intake.Core.Admin;

namespace Intake.Core.Http;

/// <summary>
/// What every request passes through in both hosts, in one order: the limit on failed credentials
/// per address, the access gate, the submission limits per token and per address
/// (<see cref="EdgeLimits"/>), the operation's handler, the failure mapping, and the audit row. The hosts differ only in how
/// they run the handler and write an answer (a minimal API endpoint in the self-host, an
/// invocation result in Azure Functions).
/// </summary>
public sealed class ApiEdge(AccessGate gate, EdgeLimits limits, AuditTrail audit, ApiFailures failures)
{
    /// <summary>Runs one request.</summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="operation">The matched operation; null when no route matched (treated as admin, so unknown paths reveal nothing).</param>
    /// <param name="correlationId">The id the host logs the request under.</param>
    /// <param name="handler">Runs the operation (and, in the self-host, writes its answer).</param>
    /// <param name="status">The status the handler answered, read after it ran.</param>
    /// <returns>An answer the host must write (a refusal or a failure), or null when the handler's answer stands.</returns>
    public async Task<ApiAnswer?> RunAsync(HttpContext httpContext, ApiOperation? operation, string correlationId, Func<Task> handler, Func<int> status)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(status);
        ApiAnswer? answer;
        try
        {
            answer = limits.RefuseFailingAddress(httpContext, operation)
                ?? await gate.AuthorizeAsync(httpContext, operation, httpContext.RequestAborted).ConfigureAwait(false);
            if (AccessGate.PresentedWrongCredential(httpContext))
            {
                limits.CountFailedCredential(httpContext);
            }

            answer ??= limits.AdmitSubmission(httpContext, operation);
            if (answer is null)
            {
                await handler().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads an answer.
            return null;
        }
        catch (Exception e)
        {
            answer = failures.Answer(e, operation, correlationId);
        }

        await audit.RecordAsync(httpContext, operation, answer?.StatusCode ?? status(), CancellationToken.None).ConfigureAwait(false);
        return answer;
    }
}
