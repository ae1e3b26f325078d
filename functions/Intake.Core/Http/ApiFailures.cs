using Intake.Core.Problems;
using Intake.Core.Submissions;

namespace Intake.Core.Http;

/// <summary>
/// The one mapping from a failure to an answer, used by both hosts around every operation:
/// storage that cannot be reached is a <c>503</c> with one <c>Retry-After</c> rule; anything else
/// is a <c>500</c> that carries a correlation id and never the exception's text. Handlers do not
/// catch storage failures themselves.
/// </summary>
public sealed partial class ApiFailures(ILogger<ApiFailures> logger)
{
    /// <summary>The <c>Retry-After</c> value, in whole seconds (at least 1), of a wait.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The answer to a request whose operation threw <paramref name="exception"/>.</summary>
    /// <param name="exception">What the handler (or the access check) threw.</param>
    /// <param name="operation">The operation, when the route matched one; OpenRosa operations answer in OpenRosa XML.</param>
    /// <param name="correlationId">The id the host knows the request by (trace identifier or invocation id).</param>
    public ApiAnswer Answer(Exception exception, ApiOperation? operation, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var retryAfter = exception switch
        {
            StorageUnavailableException unavailable => unavailable.RetryAfter,
            _ when StorageResilience.IsTransient(exception) => StorageResilience.BreakDuration,
            _ => (TimeSpan?)null,
        };
        var name = operation?.Name ?? "(no route)";
        if (retryAfter is { } wait)
        {
            LogStorageUnavailable(exception, name, correlationId);
            const string detail = "Storage cannot be reached now. Send the same request again after the Retry-After interval; a resend is safe.";
            return Render(ProblemCatalog.StorageUnavailable, detail, operation, null)
                .WithRetryAfter(wait);
        }

        LogUnexpected(exception, name, correlationId);
        return Render(ProblemCatalog.InternalError, $"The request failed unexpectedly. An admin can find it in the logs under correlation id {correlationId}.", operation, correlationId);
    }

    private static ApiAnswer Render(Problem problem, string detail, ApiOperation? operation, string? correlationId) =>
        operation?.IsOpenRosa == true ? OpenRosaApi.Problem(problem, detail) : ApiAnswer.FromProblem(problem, detail, correlationId: correlationId);

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Storage unavailable during {Operation} ({CorrelationId}); answered 503")]
    private partial void LogStorageUnavailable(Exception exception, string operation, string correlationId);

    [LoggerMessage(EventId = 801, Level = LogLevel.Error, Message = "Unexpected failure in {Operation} ({CorrelationId}); answered 500")]
    private partial void LogUnexpected(Exception exception, string operation, string correlationId);
}
