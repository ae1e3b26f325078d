using Intake.Core.Configuration;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Intake.Core.Submissions;

/// <summary>
/// The Polly pipeline around storage calls a client is waiting on. It does not retry (the SDK
/// clients do, see <c>StorageClientRetry</c>); it bounds the wait with a timeout and opens a
/// circuit when storage keeps failing, so clients get a fast 503 with <c>Retry-After</c>
/// instead of a hang, and a struggling storage account is not hammered.
/// </summary>
internal static class StorageResilience
{
    /// <summary>The pipeline's registry key.</summary>
    public const string PipelineKey = "intake-storage";

    /// <summary>How long the circuit stays open; also the <c>Retry-After</c> clients are given.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(10);

    /// <summary>The failures the circuit counts: storage outages and timeouts, not client errors.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500
            // Storage received other bytes than were sent (TransferChecksum): a fault on the way,
            // which sending again mends.
            || e.ErrorCode == BlobErrorCode.Md5Mismatch,
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        // The SDK's network timeout (Retry.NetworkTimeout) surfaces as a cancellation wrapping a
        // TimeoutException once its retries are spent: an outage, not the caller giving up.
        OperationCanceledException { InnerException: TimeoutException } => true,
        AggregateException e => e.InnerExceptions.Any(IsTransient),
        _ => false,
    };

    /// <summary>Registers the pipeline.</summary>
    public static IServiceCollection AddStorageResilience(this IServiceCollection services)
    {
        services.AddResiliencePipeline(PipelineKey, (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value;
            builder
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                    FailureRatio = 0.5,
                    MinimumThroughput = 8,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = BreakDuration,
                })
                .AddTimeout(options.StorageTimeout);
        });
        return services;
    }

    /// <summary>Resolves the pipeline.</summary>
    public static ResiliencePipeline Get(ResiliencePipelineProvider<string> provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.GetPipeline(PipelineKey);
    }
}
