using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace Intake.SelfHost;

/// <summary>
/// Replaces the WebJobs SDK's default handler of background faults, which rethrows on a new thread
/// to crash the process. In Azure that restarts an instance; in the self-host it would end the
/// whole local pipeline (and a test run hosting it) when storage blinks during a lease renewal.
/// The fault is logged instead: queue messages stay in storage and every step is re-drivable, so
/// nothing is lost by staying up.
/// </summary>
internal sealed partial class BackgroundFaultHandler(ILogger<BackgroundFaultHandler> logger) : IWebJobsExceptionHandler, IWebJobsExceptionHandlerFactory
{
    public IWebJobsExceptionHandler Create(IHost jobHost) => this;

    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
    {
        ArgumentNullException.ThrowIfNull(exceptionInfo);
        LogTimeout(exceptionInfo.SourceException, timeoutGracePeriod);
        return Task.CompletedTask;
    }

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        ArgumentNullException.ThrowIfNull(exceptionInfo);
        LogFault(exceptionInfo.SourceException);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "A background task of the trigger runtime failed; the host keeps running")]
    private partial void LogFault(Exception exception);

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "A function timed out (grace period {GracePeriod}); the host keeps running")]
    private partial void LogTimeout(Exception exception, TimeSpan gracePeriod);
}
