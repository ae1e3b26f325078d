using System.Collections.Concurrent;
using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Processing;

/// <summary>
/// Processes one delivery of a processing queue message, which names one report (every version
/// writes that form) or a batch. A batch is read and classified report by report (several at a
/// time), then written per day of receipt, together with the other messages this instance is
/// processing (<see cref="ProcessedReportWriter"/>): one tally transaction per 40 reports and one
/// index transaction per 100 rows, instead of three to four calls per report. Failures stay per report:
/// a report that fails records its attempt on its own row and does not stop the others; the message
/// is then delivered again (reports already processed are skipped), and on the last delivery
/// (<see cref="StorageNames.MaxDequeueCount"/>) each report still failing is marked failed and put on
/// the poison queue as a message of its own, where admins see and reprocess it as before.
/// </summary>
public sealed partial class ReportBatchProcessor(
    ReportProcessor processor,
    ProcessedReportWriter writer,
    ProcessingQueue queue,
    ILogger<ReportBatchProcessor> logger) : IDisposable
{
    /// <summary>
    /// Reports read and classified at once in this instance, over every message it is processing (the
    /// queue trigger hands it 16 at a time). More would only queue in storage: on the emulator, requests
    /// waiting behind hundreds of reads made the health probe and intake's own writes wait seconds.
    /// </summary>
    private const int Parallelism = 32;

    private readonly SemaphoreSlim _reading = new(Parallelism, Parallelism);

    /// <summary>Processes one delivery of a message naming <paramref name="messages"/>.</summary>
    /// <param name="messages">The reports the message names (<see cref="ProcessingQueue.DeserializeAll"/>).</param>
    /// <param name="dequeueCount">How many times the queue has delivered it, this time included.</param>
    /// <param name="cancellationToken">Cancels the work; the message is then delivered again.</param>
    /// <exception cref="ReportBatchException">Some reports failed and the message should be delivered again.</exception>
    public async Task ProcessAsync(IReadOnlyList<ProcessReportMessage> messages, long dequeueCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 1)
        {
            // The single form keeps its exact behaviour: the runtime retries and poisons the message itself.
            await processor.ProcessAsync(messages[0], dequeueCount, cancellationToken).ConfigureAwait(false);
            return;
        }

        var failed = new ConcurrentDictionary<Guid, (ProcessReportMessage Message, Exception Error)>();
        var prepared = new ConcurrentBag<PreparedReport>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(messages.DistinctBy(m => m.ReportId), options, async (message, ct) =>
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["ReportId"] = message.ReportId });
            await _reading.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (await processor.PrepareBatchedAsync(message, dequeueCount, ct).ConfigureAwait(false) is { } report)
                {
                    prepared.Add(report);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed[message.ReportId] = (message, e);
            }
            finally
            {
                _reading.Release();
            }
        }).ConfigureAwait(false);

        foreach (var day in prepared.GroupBy(p => p.Row.ReceivedOn))
        {
            // Rows processed before (a forced reprocess) move between tally cells: one by one.
            var fresh = day.Where(p => p.Row.Status != ReportStatus.Processed).ToList();
            var again = day.Where(p => p.Row.Status == ReportStatus.Processed).ToList();
            try
            {
                // Combined with the other messages this instance is processing (ProcessedReportWriter).
                var left = await writer.WriteAsync(day.Key, fresh, cancellationToken).ConfigureAwait(false);
                again.AddRange(fresh.Where(p => left.Contains(p.Row.ReportId)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Which report failed is not known from a transaction: finish each on its own, which records its own failure.
                LogBatchWriteFailed(e, fresh.Count, day.Key);
                again.AddRange(fresh);
            }

            foreach (var report in again)
            {
                try
                {
                    if (report.RowAssumed)
                    {
                        // Its row was not read (first delivery) and may be missing: the ordinary path reads and repairs it.
                        await processor.ProcessAsync(messages.First(m => m.ReportId == report.Row.ReportId), dequeueCount, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await processor.FinishAsync(report, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed[report.Row.ReportId] = (messages.First(m => m.ReportId == report.Row.ReportId), e);
                }
            }
        }

        if (failed.IsEmpty)
        {
            return;
        }

        if (dequeueCount >= StorageNames.MaxDequeueCount)
        {
            // Their rows are marked failed already; each goes to the poison queue alone, as the runtime would put a single message.
            await queue.PoisonAsync([.. failed.Values.Select(f => f.Message)], cancellationToken).ConfigureAwait(false);
            LogPoisoned(failed.Count, messages.Count);
            return;
        }

        throw new ReportBatchException(failed.Count, messages.Count, failed.Values.First().Error);
    }

    /// <inheritdoc />
    public void Dispose() => _reading.Dispose();

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Writing {Count} processed reports of {ReceivedOn} together failed; writing them one by one")]
    private partial void LogBatchWriteFailed(Exception exception, int count, DateOnly receivedOn);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "{Failed} of {Count} reports of a batch failed on the last delivery; each is on the poison queue")]
    private partial void LogPoisoned(int failed, int count);
}
