using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Problems;
using Intake.Core.Reconciliation;
using Intake.Core.Reports;
using Intake.Core.Submissions;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The admin routes (<c>/api/admin/...</c>) of both hosts: reads the request, calls one admin
/// operation, attaches an <see cref="AuditNote"/> and maps the outcome. Access is checked before
/// (<see cref="AccessGate"/>) and the audit row written after (<see cref="AuditTrail"/>) by the hosts.
/// </summary>
public sealed class AdminApi(
    QueueInventory inventory,
    PoisonQueue poison,
    ReportRequeue requeue,
    ReportList reportList,
    Reconciler reconciler,
    AuditLog audit,
    AccessTokenStore tokens,
    TimeProvider time)
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxAuditRows = 5000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary><c>GET /api/admin/queues</c>.</summary>
    public async Task<ApiAnswer> QueuesAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        var list = await inventory.ListAsync(cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(httpContext, null, list.Count);
        return ApiAnswer.JsonBody(200, list);
    }

    /// <summary><c>GET /api/admin/poison</c>: the oldest poison messages with their reports' last errors.</summary>
    public async Task<ApiAnswer> PoisonAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        var list = await poison.PeekAsync(cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(httpContext, null, list.Count);
        return ApiAnswer.JsonBody(200, list);
    }

    /// <summary><c>POST /api/admin/poison/reprocess</c>: body <see cref="ReprocessRequest"/> (empty body: all).</summary>
    public async Task<ApiAnswer> ReprocessPoisonAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await ReadAsync<ReprocessRequest>(request, allowEmpty: true, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        body ??= new ReprocessRequest();
        if (body.Max is < 1 or > ReprocessRequest.DefaultMax)
        {
            return Invalid("max", $"Must be 1 to {ReprocessRequest.DefaultMax}.");
        }

        var result = await poison.ReprocessAsync(body, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, body, body.DryRun ? result.Matched : result.Moved);
        return ApiAnswer.JsonBody(200, result);
    }

    /// <summary><c>POST /api/admin/reports/requeue</c>: body <see cref="RequeueRequest"/>.</summary>
    public async Task<ApiAnswer> RequeueAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await ReadAsync<RequeueRequest>(request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.ReceivedTo < body.ReceivedFrom || body.ReceivedTo.DayNumber - body.ReceivedFrom.DayNumber >= RequeueRequest.MaxDays)
        {
            return Invalid("receivedTo", $"Must be on or after receivedFrom, at most {RequeueRequest.MaxDays} days later.");
        }

        if (body.Max is < 1 or > ReprocessRequest.DefaultMax)
        {
            return Invalid("max", $"Must be 1 to {ReprocessRequest.DefaultMax}.");
        }

        var result = await requeue.RequeueAsync(body, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, body, body.DryRun ? result.Matched : result.Moved);
        return ApiAnswer.JsonBody(200, result);
    }

    /// <summary>
    /// <c>GET /api/admin/reports?from=&amp;to=&amp;status=&amp;max=</c>: the reports that need attention
    /// (see <see cref="ReportListQuery.TryParse"/> for the parameters), newest first.
    /// </summary>
    public async Task<ApiAnswer> ListReportsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!ReportListQuery.TryParse(request.Query, today, out var query, out var error))
        {
            return Invalid(error.Field, error.Detail);
        }

        var page = await reportList.ListAsync(query!, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, new { query!.From, query.To, status = string.Join(',', query.Statuses), query.Max }, page.Count);
        return ApiAnswer.JsonBody(200, page);
    }

    /// <summary><c>POST /api/admin/reconcile</c>: runs the reconciler now and answers what it repaired.</summary>
    public async Task<ApiAnswer> ReconcileAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        // A pass another instance is running ends within seconds; wait for it rather than answer a skip.
        var summary = await reconciler.RunAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(httpContext, null, summary.RowsCreated + summary.Requeued);
        return ApiAnswer.JsonBody(200, summary);
    }

    /// <summary><c>GET /api/admin/audit?from=&amp;to=&amp;max=</c>: audit rows in a time window (default: the last 24 hours).</summary>
    public async Task<ApiAnswer> AuditAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (!TryQueryTime(request, "to", now.AddMinutes(1), out var to) || !TryQueryTime(request, "from", to.AddDays(-1), out var from))
        {
            return Invalid(request.Query.ContainsKey("to") ? "to" : "from", "Must be an ISO 8601 date-time with offset, e.g. 2026-11-28T00:00:00Z.");
        }

        if (to <= from || to - from > AuditLog.MaxWindow)
        {
            return Invalid("from", $"Must be before 'to' and at most {AuditLog.MaxWindow.TotalDays} days earlier.");
        }

        var max = MaxAuditRows;
        if (request.Query.TryGetValue("max", out var maxText) && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxAuditRows))
        {
            return Invalid("max", $"Must be 1 to {MaxAuditRows}.");
        }

        var rows = new List<AuditEntry>();
        await foreach (var row in audit.ReadAsync(from, to, max, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        AuditNote.Attach(request.HttpContext, new { from, to, max }, rows.Count);
        return ApiAnswer.JsonBody(200, rows);
    }

    /// <summary><c>GET /api/admin/tokens</c>: every token, without secrets.</summary>
    public async Task<ApiAnswer> ListTokensAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        var list = new List<TokenView>();
        await foreach (var token in tokens.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(TokenView.Of(token));
        }

        AuditNote.Attach(httpContext, null, list.Count);
        return ApiAnswer.JsonBody(200, list);
    }

    /// <summary><c>POST /api/admin/tokens</c>: issues a token; the answer carries its secret, once.</summary>
    public async Task<ApiAnswer> CreateTokenAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await ReadAsync<TokenRequest>(request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return Invalid("name", "Required, at most 100 characters.");
        }

        var kind = body.Kind ?? CallerKind.Submitter;
        if (kind is not (CallerKind.Submitter or CallerKind.Admin or CallerKind.Partner))
        {
            return Invalid("kind", "Must be 'submitter', 'admin' or 'partner'.");
        }

        if (!PartnerRegions.TryParse(kind, body.Regions, out var regions, out var regionError))
        {
            return Invalid("regions", regionError);
        }

        if (body.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow())
        {
            return Invalid("expiresAt", "Must be in the future (an ISO 8601 date and time with its offset).");
        }

        var caller = Caller.Of(request.HttpContext)?.Id ?? "unknown";
        var issued = kind == CallerKind.Partner
            ? await tokens.CreatePartnerAsync(name, regions, caller, body.ExpiresAt, cancellationToken).ConfigureAwait(false)
            : await tokens.CreateAsync(kind, name, caller, body.ExpiresAt, cancellationToken).ConfigureAwait(false);
        // The audit row names the token, never its secret.
        AuditNote.Attach(request.HttpContext, new { issued.Token.Id, kind, name, regions, body.ExpiresAt }, 1);
        return ApiAnswer.JsonBody(201, TokenView.Of(issued.Token, issued.Secret))
            .WithHeader(HeaderNames.CacheControl, "no-store");
    }

    /// <summary><c>DELETE /api/admin/tokens/{id}</c>: revokes a token; it fails from the next request on.</summary>
    public async Task<ApiAnswer> RevokeTokenAsync(HttpContext httpContext, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var token = await tokens.RevokeAsync(id, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(httpContext, new { id }, token is null ? 0 : 1);
        return token is null
            ? ApiAnswer.FromProblem(ProblemCatalog.TokenNotFound, "No access token has this id.", [new FieldError("id", "Unknown token id.")])
            : ApiAnswer.JsonBody(200, TokenView.Of(token));
    }

    internal static async Task<(T? Body, ApiAnswer? Problem)> ReadAsync<T>(HttpRequest request, bool allowEmpty, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, ApiAnswer.FromProblem(ProblemCatalog.BodyTooLarge, $"The body must be at most {MaxBodyBytes} bytes."));
        }

        if (bytes.Value.Length == 0)
        {
            return allowEmpty ? (null, null) : (null, ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, "A JSON body is required.", [new FieldError("", "Missing body.")]));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(bytes.Value.Span, Json), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "";
            return (null, ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, $"The body does not fit this route: {e.Message}", [new FieldError(field, "Invalid or unexpected value.")]));
        }
    }

    private static bool TryQueryTime(HttpRequest request, string name, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        return !request.Query.TryGetValue(name, out var text)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    internal static ApiAnswer Invalid(string field, string detail) =>
        ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, $"'{field}': {detail}", [new FieldError(field, detail)]);
}
