using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// The Polly pipeline around one SMTP delivery: retry → circuit breaker → timeout. MailKit does
/// not retry, so this is the one layer that does. Transient: 4xx replies, dropped connections,
/// network errors, timeouts. Permanent 5xx replies (a bad address) are not retried.
/// </summary>
internal static class SmtpResilience
{
    /// <summary>The pipeline's registry key.</summary>
    public const string PipelineKey = "intake-smtp";

    /// <summary>Whether a failure is worth another attempt.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException e => (int)e.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutRejectedException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Registers the pipeline.</summary>
    public static IServiceCollection AddSmtpResilience(this IServiceCollection services)
    {
        services.AddResiliencePipeline(PipelineKey, (builder, context) =>
        {
            var smtp = context.ServiceProvider.GetRequiredService<IOptions<SmtpOptions>>().Value;
            var handle = new PredicateBuilder().Handle<Exception>(IsTransient);
            builder
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = handle,
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(30),
                })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = handle,
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromMinutes(1),
                    BreakDuration = TimeSpan.FromSeconds(30),
                })
                .AddTimeout(smtp.Timeout);
        });
        return services;
    }
}
