using Intake.Core.Access;
using Intake.Core.Http;

namespace Intake.Core.Admin;

/// <summary>
/// The single seam that audits admin actions: both hosts call <see cref="RecordAsync"/> after
/// every request to an admin- or partner-class operation (see <see cref="ApiOperation.Access"/>), so every admin route,
/// including ones added later, gets its audit row from the same place.
/// </summary>
public sealed partial class AuditTrail(AuditLog log, TimeProvider time, ILogger<AuditTrail> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Appends the audit row of a finished request, if it was an admin action by an identified
    /// caller (requests refused for a missing or unknown credential identify nobody and are only logged).
    /// A failed audit write is logged, not thrown: the action has already happened.
    /// </summary>
    /// <param name="httpContext">The request, with its verified <see cref="Caller"/> and handler <see cref="AuditNote"/>.</param>
    /// <param name="operation">The matched operation; null when no route matched.</param>
    /// <param name="status">The HTTP status answered.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task RecordAsync(HttpContext httpContext, ApiOperation? operation, int status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if ((operation?.Access ?? RouteClass.Admin) is not (RouteClass.Admin or RouteClass.Partner) || Caller.Of(httpContext) is not { } caller)
        {
            return;
        }

        if (operation?.AuditsItself == true && status < 400)
        {
            return;
        }

        var action = operation?.Name ?? "(no route)";

        var note = AuditNote.Of(httpContext);
        var request = httpContext.Request;
        var entry = new AuditEntry(
            time.GetUtcNow(),
            caller.Id,
            caller.Name,
            action,
            $"{request.Method} {request.PathBase}{request.Path}{request.QueryString}",
            note?.Parameters is { } parameters ? JsonSerializer.Serialize(parameters, Json) : "{}",
            status switch { < 400 => "succeeded", 401 or 403 => "refused", _ => "failed" },
            status,
            note?.Count);
        try
        {
            await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAuditFailed(e, action, caller.Id, status);
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Error, Message = "Could not write the audit row of {Action} by {CallerId} (status {Status})")]
    private partial void LogAuditFailed(Exception exception, string action, string callerId, int status);
}
