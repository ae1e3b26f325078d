using System.Threading.Channels;

namespace Intake.Core.Storage;

/// <summary>
/// Gathers the reports intake has stored and indexed, and queues them <see cref="ProcessingQueue.MaxBatch"/>
/// to a message, at most <see cref="MaxDelay"/> after the first one waited: one queue write and one
/// receive+delete per batch instead of per report (Azurite's queue scans every waiting message on each
/// receive; in Azure each call is billed). A client is answered without waiting for this: its report is
/// received once its raw blob is written. Ids not yet sent when the process dies, or whose send failed,
/// stay <c>received</c> in the index, and the reconciler queues them again after <c>Intake__RedriveAfter</c>.
/// </summary>
public sealed partial class ProcessingBatcher : IAsyncDisposable, IDisposable
{
    /// <summary>The longest a report waits here before its message is sent.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);

    private readonly ProcessingQueue _queue;
    private readonly ILogger<ProcessingBatcher> _logger;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sending;

    /// <summary>Starts the sending loop.</summary>
    public ProcessingBatcher(ProcessingQueue queue, ILogger<ProcessingBatcher> logger)
    {
        _queue = queue;
        _logger = logger;
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>Adds a report to the next message; returns at once.</summary>
    public void Add(ProcessReportMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_pending.Writer.TryWrite(new Pending(message, null)))
        {
            // Shutting down: the reconciler re-drives the row.
            LogNotSent(1, "stopping");
        }
    }

    /// <summary>Sends everything added so far; for tests and orderly shutdown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite(new Pending(null, done)))
        {
            return;
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what is waiting and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _sending.ConfigureAwait(false);
    }

    /// <summary>Sends what is waiting and stops (for a container disposed synchronously).</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _sending.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task SendLoopAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<ProcessReportMessage>(ProcessingQueue.MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Real time, not the app's TimeProvider: this is a transport delay, and a test's frozen clock must not hold messages back.
            using var window = new CancellationTokenSource(MaxDelay);
            try
            {
                while (batch.Count < ProcessingQueue.MaxBatch && flushes.Count == 0)
                {
                    if (!reader.TryRead(out var item))
                    {
                        if (!await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                        {
                            break;
                        }

                        continue;
                    }

                    if (item.Message is { } message)
                    {
                        batch.Add(message);
                    }
                    else
                    {
                        flushes.Add(item.Flushed!);
                    }
                }
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested)
            {
                // The first report has waited long enough.
            }

            await SendAsync(batch).ConfigureAwait(false);
            batch.Clear();
            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }

            flushes.Clear();
        }
    }

    private async Task SendAsync(List<ProcessReportMessage> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await _queue.EnqueueAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The rows stay 'received': the reconciler queues them again after Intake__RedriveAfter.
            LogNotSent(batch.Count, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "{Count} stored reports were not queued ({ErrorKind}); the reconciler will queue them")]
    private partial void LogNotSent(int count, string errorKind);

    private sealed record Pending(ProcessReportMessage? Message, TaskCompletionSource? Flushed);
}
