using Azure.Core;

namespace Intake.Core.Storage;

/// <summary>
/// The one retry layer for storage calls: the Azure SDK's own, which already knows which
/// responses are transient (408, 429, 500, 502, 503, 504, socket errors) and honours
/// <c>Retry-After</c>. Polly adds no second retry on top (see docs/ARCHITECTURE.md).
/// </summary>
internal static class StorageClientRetry
{
    public static T Configure<T>(T options, StorageClientTransport? transport = null)
        where T : ClientOptions
    {
        if (transport is not null)
        {
            options.Transport = transport.Transport;
        }

        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        // No per-request SDK logging: with a listener attached (the WebJobs runtime forwards Azure
        // SDK events to ILogger), every call formatted its URL and headers into strings, 6 % of
        // what intake allocated, for lines nobody reads; our own log lines name what matters. A
        // failed call still surfaces as an exception, and distributed tracing stays on.
        options.Diagnostics.IsLoggingEnabled = false;
        return options;
    }
}
