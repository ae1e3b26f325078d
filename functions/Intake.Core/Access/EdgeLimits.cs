using System.Threading.RateLimiting;
using Intake.Core.Configuration;
using Intake.Core.Http;
using Intake.Core.Problems;

namespace Intake.Core.Access;

/// <summary>
/// The request limits both hosts apply through <see cref="ApiEdge"/>, on the token-bucket limiters
/// of <c>System.Threading.RateLimiting</c> (the ones ASP.NET Core's rate-limiting middleware is
/// built on; that middleware itself cannot run in the Functions worker, whose requests reach the
/// edge through a worker middleware). Three budgets, all per instance and in memory:
/// submissions per token, submissions per client address, and wrong credentials per client
/// address (<see cref="AccessGate.PresentedWrongCredential"/>), the last much smaller and checked before the access gate, so that guessing tokens
/// costs neither storage reads nor the budgets of honest callers. Admin callers are not limited.
/// </summary>
public sealed partial class EdgeLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perToken;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly TimeSpan _failurePeriod;
    private readonly int _forwardedForHops;
    private readonly ILogger<EdgeLimits> _logger;

    /// <summary>Builds the limiters from the validated options.</summary>
    public EdgeLimits(IOptions<LimitOptions> options, ILogger<EdgeLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _perToken = PerMinute(limits.SubmissionsPerTokenPerMinute);
        _perAddress = PerMinute(limits.SubmissionsPerAddressPerMinute);
        _failures = PerMinute(limits.FailedCredentialsPerAddressPerMinute);
        _failurePeriod = PeriodOf(limits.FailedCredentialsPerAddressPerMinute);
        _forwardedForHops = limits.ForwardedForHops;
        _logger = logger;
    }

    /// <summary>True for the requests the submission budgets count: POSTs to any route that is not an admin route, whatever kind of token sends them.</summary>
    public static bool IsSubmission(ApiOperation? operation) =>
        operation is not null && operation.Access != RouteClass.Admin && string.Equals(operation.Method, "POST", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Before the access gate: a <c>429</c> when the request needs a credential and its address has
    /// used up its budget of failed credentials; null otherwise. Takes nothing from the budget.
    /// </summary>
    public ApiAnswer? RefuseFailingAddress(HttpContext httpContext, ApiOperation? operation)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (operation?.Access == RouteClass.Anonymous)
        {
            return null;
        }

        // Asks whether a whole permit is left, without taking one (an attempt to acquire zero permits
        // succeeds on any fraction the bucket has refilled).
        if (_failures.GetStatistics(ClientAddress.Of(httpContext, _forwardedForHops))?.CurrentAvailablePermits is not < 1)
        {
            return null;
        }

        LogFailingAddress(RouteAccess.Normalise(operation?.Route) ?? "(none)");
        return Refuse(_failurePeriod, operation, "Too many requests from this address had a wrong credential.");
    }

    /// <summary>After the access gate found a presented credential wrong: counts it against the address.</summary>
    public void CountFailedCredential(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var lease = _failures.AttemptAcquire(ClientAddress.Of(httpContext, _forwardedForHops));
    }

    /// <summary>
    /// After the access gate admitted the request: takes one submission from the caller's token
    /// budget, then from its address's; a <c>429</c> when either is empty, null otherwise (and for
    /// requests that are not submissions, and for admins).
    /// </summary>
    public ApiAnswer? AdmitSubmission(HttpContext httpContext, ApiOperation? operation)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var caller = Caller.Of(httpContext);
        if (!IsSubmission(operation) || caller?.IsAdmin == true)
        {
            return null;
        }

        if (caller is not null)
        {
            using var tokenLease = _perToken.AttemptAcquire(caller.Id);
            if (!tokenLease.IsAcquired)
            {
                LogTokenLimited(caller.Id, operation!.Name);
                return Refuse(tokenLease, operation, "This token has sent more submissions than its per-minute limit.");
            }
        }

        using var addressLease = _perAddress.AttemptAcquire(ClientAddress.Of(httpContext, _forwardedForHops));
        if (!addressLease.IsAcquired)
        {
            LogAddressLimited(operation!.Name);
            return Refuse(addressLease, operation, "This address has sent more submissions than its per-minute limit.");
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _perToken.Dispose();
        _perAddress.Dispose();
        _failures.Dispose();
    }

    /// <summary>A token bucket per key holding a minute's budget, refilled evenly over the minute.</summary>
    private static PartitionedRateLimiter<string> PerMinute(int perMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = PeriodOf(perMinute),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));

    /// <summary>The time in which one permit of a per-minute budget comes back.</summary>
    private static TimeSpan PeriodOf(int perMinute) => TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / perMinute));

    private static ApiAnswer Refuse(RateLimitLease lease, ApiOperation? operation, string reason) =>
        Refuse(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1), operation, reason);

    private static ApiAnswer Refuse(TimeSpan wait, ApiOperation? operation, string reason)
    {
        var seconds = ApiFailures.RetryAfterSeconds(wait);
        var detail = $"{reason} Nothing was stored. Send the same request again in {seconds} s (Retry-After); a resend is safe.";
        var answer = operation?.IsOpenRosa == true
            ? OpenRosaApi.Problem(ProblemCatalog.RateLimited, detail)
            : ApiAnswer.FromProblem(ProblemCatalog.RateLimited, detail);
        return answer.WithRetryAfter(wait);
    }

    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "Token {CallerId} is over its submission limit; refused {Operation} with 429")]
    private partial void LogTokenLimited(string callerId, string operation);

    [LoggerMessage(EventId = 621, Level = LogLevel.Warning, Message = "A client address is over its submission limit; refused {Operation} with 429")]
    private partial void LogAddressLimited(string operation);

    [LoggerMessage(EventId = 622, Level = LogLevel.Warning, Message = "A client address is over its limit of failed credentials; refused {Route} with 429")]
    private partial void LogFailingAddress(string route);
}
