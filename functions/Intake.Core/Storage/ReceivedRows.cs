using System.Threading.Channels;

namespace Intake.Core.Storage;

/// <summary>
/// Adds the index rows of reports just received, many to one table call. While one entity group
/// transaction is in flight, the rows that arrive wait and go together in the next one (one day of
/// receipt, at most <see cref="MaxGroup"/> rows, as Table storage requires): under load one table
/// call serves a group of reports instead of each, and a lone report goes at once, with no timer.
/// A row that already exists (a resend, or the reconciler first) is answered false and the others
/// are written again without it; any other failure fails the whole group, and each caller handles
/// it as it would its own write's.
/// </summary>
public sealed class ReceivedRows : IAsyncDisposable, IDisposable
{
    /// <summary>The most rows in one transaction: Table storage's limit.</summary>
    public const int MaxGroup = 100;

    private readonly ReportIndex _index;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    /// <summary>Starts the writing loop.</summary>
    public ReceivedRows(ReportIndex index)
    {
        _index = index;
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
        var group = new List<Pending>(MaxGroup);
        var later = new List<Pending>();
        while (later.Count > 0 || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // A report sent twice at once may be here twice: a transaction cannot name a row twice,
            // so the second copy waits for the next group (where it meets the row the first added).
            var rows = new HashSet<(DateOnly, Guid)>();
            var day = later.Count > 0 ? later[0].Submission.ReceivedOn : (DateOnly?)null;
            var waiting = later.ToList();
            later.Clear();
            foreach (var pending in waiting.Concat(Drain(reader)))
            {
                var submission = pending.Submission;
                day ??= submission.ReceivedOn;
                if (group.Count == MaxGroup || submission.ReceivedOn != day || !rows.Add((submission.ReceivedOn, submission.ReportId)))
                {
                    later.Add(pending);
                    continue;
                }

                group.Add(pending);
            }

            await WriteAsync(group).ConfigureAwait(false);
            group.Clear();
        }
    }

    private static IEnumerable<Pending> Drain(ChannelReader<Pending> reader)
    {
        // At most a group's worth beyond what waits already, so that 'later' stays small.
        for (var i = 0; i < MaxGroup && reader.TryRead(out var pending); i++)
        {
            yield return pending;
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        if (group.Count == 1)
        {
            await CompleteAsync(group[0], () => _index.TryAddReceivedAsync(group[0].Submission)).ConfigureAwait(false);
            return;
        }

        while (group.Count > 0)
        {
            try
            {
                await _index.AddReceivedAsync([.. group.Select(p => p.Submission)]).ConfigureAwait(false);
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
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                foreach (var pending in group)
                {
                    pending.Added.TrySetException(e);
                }

                return;
            }
        }
    }

    private static async Task CompleteAsync(Pending pending, Func<Task<bool>> write)
    {
        try
        {
            pending.Added.TrySetResult(await write().ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            pending.Added.TrySetException(e);
        }
    }

    private sealed record Pending(RawSubmission Submission, TaskCompletionSource<bool> Added);
}
