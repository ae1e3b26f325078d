using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Intake.Core.Hosting;

/// <summary>
/// At start-up, in both hosts and in the background: creates missing containers, table and
/// queues (retrying until storage answers, so a host started during a storage outage still
/// serves <c>/api/health</c> with 503), then runs the reconciler once, so that a crash before
/// the restart loses nothing.
/// </summary>
internal sealed partial class StorageStartup(StorageProvisioner provisioner, Reconciler reconciler, TimeProvider time, ILogger<StorageStartup> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopping = new();
    private Task _work = Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _work = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _work.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var backoff = TimeSpan.FromSeconds(1);
            while (true)
            {
                try
                {
                    await provisioner.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogProvisioningFailed(e, backoff.TotalSeconds);
                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }

            await reconciler.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the timer runs the reconciler again later.
        }
        catch (Exception e)
        {
            // The scheduled pass retries; a failed start-up pass must not stop the host.
            LogReconcileFailed(e);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "The start-up reconciler pass failed; the scheduled pass will retry")]
    private partial void LogReconcileFailed(Exception exception);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "Storage is not reachable to create containers, table and queues; retrying in {Seconds} s")]
    private partial void LogProvisioningFailed(Exception exception, double seconds);
}
