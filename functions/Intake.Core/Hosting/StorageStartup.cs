using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intake.Core.Hosting;

/// <summary>
/// At start-up, in both hosts: creates missing containers, table and queues, then runs the
/// reconciler once in the background, so that a crash before the restart loses nothing.
/// </summary>
public sealed partial class StorageStartup(StorageProvisioner provisioner, Reconciler reconciler, ILogger<StorageStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _reconcile = Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await provisioner.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        _reconcile = Task.Run(() => ReconcileAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reconcile.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            await reconciler.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the timer will run it again later.
        }
        catch (Exception e)
        {
            // The scheduled run retries; a failed start-up pass must not stop the host.
            LogFailed(e);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "The start-up reconciler pass failed; the scheduled pass will retry")]
    private partial void LogFailed(Exception exception);
}
