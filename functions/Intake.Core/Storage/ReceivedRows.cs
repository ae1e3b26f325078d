using System.Threading.Channels;
using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>
/// Adds the index rows of reports just received, many to one table call. Up to
/// <see cref="MaxInFlight"/> entity group transactions are in flight at once; the rows that arrive
/// while they all are wait and go together in the next one (one day of receipt, at most
/// <see cref="MaxGroup"/> rows, as Table storage requires). Under load one table call serves a
/// group of reports instead of each; a report that finds a free slot goes at once, with no timer.
/// A row that already exists (a resend, or the reconciler first) is answered false and the others
/// are written again without it; any other failure, or a call longer than
/// <see cref="IntakeOptions.StorageTimeout"/>, fails the whole group, and each caller handles it
/// as it would its own write's. Several slots, each bounded, keep one slow call from holding every
/// other report's row.
/// </summary>
public sealed class ReceivedRows : IAsyncDisposable, IDisposable
{
    /// <summary>The most rows in one transaction: Table storage's limit.</summary>
    public const int MaxGroup = 100;

    /// <summary>The most transactions in flight at once.</summary>
    public const int MaxInFlight = 4;

    private readonly ReportIndex _index;
    private readonly TimeSpan _timeout;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly Task _writing;

    /// <summary>Starts the writing loop.</summary>
    public ReceivedRows(ReportIndex index, IOptions<IntakeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _timeout = options.Value.StorageTimeout;
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>Adds the row of a newly received report; an existing row is left as it is.</summary>
    /// <returns>True when this call added the row.</returns>
    public Task<bool> TryAddAsync(RawSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var pending = new Pending(submission, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _pending.Writer.TryWrite(pending)
            ? pending.Added.Task.WaitAsync(cancellationToken)
            // Stopping: nothing else is grouped any more.
            : _index.TryAddReceivedAsync(submission, cancellationToken);
    }

    /// <summary>Writes what is waiting and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
    }

    /// <summary>Writes what is waiting and stops (for a container disposed synchronously).</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _writing.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        var later = new List<Pending>();
        var writes = new List<Task>();
        while (later.Count > 0 || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Wait for a free slot first: what arrives meanwhile joins this group.
            await _slots.WaitAsync().ConfigureAwait(false);
            var group = TakeGroup(reader, later);
            writes.RemoveAll(w => w.IsCompleted);
            writes.Add(WriteAsync(group));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>
    /// The next group: rows of the first waiting report's day, each report once. A report sent twice
    /// at once may be waiting twice, and a transaction cannot name a row twice, so the second copy
    /// waits for a later group (where it meets the row the first added).
    /// </summary>
    private static List<Pending> TakeGroup(ChannelReader<Pending> reader, List<Pending> later)
    {
        var waiting = later.ToList();
        later.Clear();
        // At most a group's worth beyond what waits already, so that 'later' stays small.
        for (var i = 0; i < MaxGroup && reader.TryRead(out var pending); i++)
        {
            waiting.Add(pending);
        }

        var group = new List<Pending>(Math.Min(waiting.Count, MaxGroup));
        var rows = new HashSet<Guid>();
        var day = waiting[0].Submission.ReceivedOn;
        foreach (var pending in waiting)
        {
            var submission = pending.Submission;
            if (group.Count < MaxGroup && submission.ReceivedOn == day && rows.Add(submission.ReportId))
            {
                group.Add(pending);
            }
            else
            {
                later.Add(pending);
            }
        }

        return group;
    }

    private async Task WriteAsync(List<Pending> group)
    {
        try
        {
            while (group.Count > 0)
            {
                using var timeout = new CancellationTokenSource(_timeout);
                try
                {
                    if (group.Count == 1)
                    {
                        group[0].Added.TrySetResult(await _index.TryAddReceivedAsync(group[0].Submission, timeout.Token).ConfigureAwait(false));
                        return;
                    }

                    await _index.AddReceivedAsync([.. group.Select(p => p.Submission)], timeout.Token).ConfigureAwait(false);
                    foreach (var pending in group)
                    {
                        pending.Added.TrySetResult(true);
                    }

                    return;
                }
                catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is int refused && refused < group.Count)
                {
                    group[refused].Added.TrySetResult(false);
                    group.RemoveAt(refused);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var pending in group)
            {
                pending.Added.TrySetException(e);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private sealed record Pending(RawSubmission Submission, TaskCompletionSource<bool> Added);
}
