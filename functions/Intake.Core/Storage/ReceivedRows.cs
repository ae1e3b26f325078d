using System.Threading.Channels;
using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>
/// Adds the index rows of reports just received, many to one table call. One entity group
/// transaction is in flight at a time: the rows that arrive meanwhile wait and go together in the
/// next one (one day of receipt, at most <see cref="MaxGroup"/> rows, as Table storage requires).
/// Under load one table call serves a group of reports instead of each; a report that finds no call
/// in flight goes at once, with no timer. A call in flight longer than <see cref="SlowCall"/> no
/// longer holds the others: the next group goes beside it, up to <see cref="MaxInFlight"/> calls,
/// each bounded by <see cref="IntakeOptions.StorageTimeout"/>. Each caller gets its row's version
/// (ETag), which the processing message carries. A row that already exists (a resend, or the
/// reconciler first) is answered null and the others are written again without it; any
/// other failure, or a timeout, fails the whole group, and each caller handles it as it would its
/// own write's.
/// </summary>
public sealed class ReceivedRows : IAsyncDisposable, IDisposable
{
    /// <summary>The most rows in one transaction: Table storage's limit.</summary>
    public const int MaxGroup = 100;

    /// <summary>The most transactions in flight at once (when the first ones are slow).</summary>
    public const int MaxInFlight = 4;

    /// <summary>
    /// How long the next group waits for the call in flight before it goes beside it. Longer than a
    /// transaction takes under load (tens of milliseconds): waiting makes groups larger, and a
    /// table call costs storage about as much for one row as for many.
    /// </summary>
    public static readonly TimeSpan SlowCall = TimeSpan.FromMilliseconds(200);

    private readonly ReportIndex _index;
    private readonly TimeSpan _timeout;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly SemaphoreSlim _turn = new(1, 1);
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
    /// <returns>The version (ETag) of the row this call added; null when the row existed.</returns>
    public Task<ETag?> TryAddAsync(RawSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var pending = new Pending(submission, new TaskCompletionSource<ETag?>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _pending.Writer.TryWrite(pending)
            ? pending.Added.Task.WaitAsync(cancellationToken)
            // Stopping: nothing else is grouped any more.
            : _index.TryAddReceivedRowAsync(submission, cancellationToken);
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
            // Wait for the call in flight (or, when it is slow, for a free slot): what arrives
            // meanwhile joins this group.
            await _slots.WaitAsync().ConfigureAwait(false);
            var turn = await _turn.WaitAsync(SlowCall).ConfigureAwait(false);
            var group = TakeGroup(reader, later);
            writes.RemoveAll(w => w.IsCompleted);
            writes.Add(WriteAsync(group, turn));
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

    private async Task WriteAsync(List<Pending> group, bool turn)
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
                        group[0].Added.TrySetResult(await _index.TryAddReceivedRowAsync(group[0].Submission, timeout.Token).ConfigureAwait(false));
                        return;
                    }

                    var added = await _index.AddReceivedAsync([.. group.Select(p => p.Submission)], timeout.Token).ConfigureAwait(false);
                    for (var i = 0; i < group.Count; i++)
                    {
                        group[i].Added.TrySetResult(added[i]);
                    }

                    return;
                }
                catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is int refused && refused < group.Count)
                {
                    group[refused].Added.TrySetResult(null);
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
            if (turn)
            {
                _turn.Release();
            }

            _slots.Release();
        }
    }

    private sealed record Pending(RawSubmission Submission, TaskCompletionSource<ETag?> Added);
}
