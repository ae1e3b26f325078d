using Intake.Core.Access;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intake.Functions;

/// <summary>
/// The last step before the worker's telemetry leaves for Application Insights: every item loses
/// the client address (set to <c>0.0.0.0</c>, so that ingestion derives no city or country from it)
/// and any credential or address in its name, URL, data, message or properties (<see cref="Redaction"/>:
/// the <c>key/{token}/</c> segment, anything shaped like a token, IP addresses). The Functions host's own
/// telemetry is governed by <c>host.json</c> (no extended HTTP information, no dependency tracking,
/// ASP.NET Core request lines off); docs/RELIABILITY.md gives the query that checks a deployment.
/// </summary>
public sealed class TelemetryScrubber(ITelemetryProcessor next) : ITelemetryProcessor
{
    /// <summary>What stands in every item's client address.</summary>
    public const string NoAddress = Redaction.NoAddress;

    /// <summary>
    /// Application Insights for the worker, as <c>Program.cs</c> sets it up: the worker SDK, this
    /// processor, and the logs of every category at the levels the app's log filters allow (the
    /// SDK's own rule would keep only warnings).
    /// </summary>
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        services.AddApplicationInsightsTelemetryProcessor<TelemetryScrubber>();
        services.Configure<LoggerFilterOptions>(options =>
        {
            var sdkRule = options.Rules.FirstOrDefault(r => r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (sdkRule is not null)
            {
                options.Rules.Remove(sdkRule);
            }
        });
        return services;
    }

    /// <inheritdoc />
    public void Process(ITelemetry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Context.Location.Ip = NoAddress;
        item.Context.Operation.Name = Redaction.Redact(item.Context.Operation.Name);
        switch (item)
        {
            case RequestTelemetry request:
                request.Name = Redaction.Redact(request.Name);
                request.Url = RedactUrl(request.Url);
                break;
            case DependencyTelemetry dependency:
                dependency.Name = Redaction.Redact(dependency.Name);
                dependency.Data = Redaction.Redact(dependency.Data);
                dependency.Target = Redaction.Redact(dependency.Target);
                break;
            case TraceTelemetry trace:
                trace.Message = Redaction.Redact(trace.Message);
                break;
            case ExceptionTelemetry exception:
                exception.Message = Redaction.Redact(exception.Message);
                foreach (var detail in exception.ExceptionDetailsInfoList)
                {
                    detail.Message = Redaction.Redact(detail.Message);
                }

                break;
            case EventTelemetry telemetryEvent:
                telemetryEvent.Name = Redaction.Redact(telemetryEvent.Name);
                break;
        }

        if (item is ISupportProperties withProperties)
        {
            foreach (var key in withProperties.Properties.Keys.ToList())
            {
                withProperties.Properties[key] = Redaction.Redact(withProperties.Properties[key]);
            }
        }

        next.Process(item);
    }

    private static Uri? RedactUrl(Uri? url) =>
        url is not null && Redaction.HasSomethingToRedact(url.OriginalString) ? new Uri(Redaction.Redact(url.OriginalString), UriKind.RelativeOrAbsolute) : url;
}
