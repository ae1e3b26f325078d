using Azure.Storage.Queues.Models;
using Intake.Core.Configuration;
using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// The processing queue's poison queue: what failed, and moving it back once the cause is fixed.
/// A move queues the message again before it deletes the poison copy, so a crash in between
/// leaves a duplicate (harmless: processing is idempotent), never a loss.
/// </summary>
public sealed partial class PoisonQueue(QueueServiceClient queues, ProcessingQueue processing, ReportIndex index, TimeProvider time, ILogger<PoisonQueue> logger)
{
    /// <summary>Most messages storage returns per peek or receive.</summary>
    public const int PageSize = 32;

    /// <summary>Most poison messages one reprocess call looks at.</summary>
    public const int ScanLimit = 10_000;

    // Long enough to finish one call; messages not moved are made visible again at the end.
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(2);
    private readonly QueueClient _poison = queues.GetQueueClient(StorageNames.PoisonQueue);

    /// <summary>
    /// The oldest poison messages (storage peeks at most <see cref="PageSize"/>), each with the
    /// index row's attempts, times and last error.
    /// </summary>
    public async Task<IReadOnlyList<PoisonMessage>> PeekAsync(CancellationToken cancellationToken = default)
    {
        var peeked = await _poison.PeekMessagesAsync(PageSize, cancellationToken).ConfigureAwait(false);
        var result = new List<PoisonMessage>();
        foreach (var message in peeked.Value)
        {
            var reports = Parse(message.Body);
            foreach (var parsed in reports)
            {
                var row = await index.GetAsync(parsed.ReceivedOn, parsed.ReportId, cancellationToken).ConfigureAwait(false);
                if (reports.Count > 1 && row?.Status == ReportStatus.Processed)
                {
                    // A batch lands here whole only if its last delivery never finished; its processed reports are not poison.
                    continue;
                }

                result.Add(new PoisonMessage(
                    parsed.ReportId, parsed.ReceivedOn, message.InsertedOn, row?.Attempts ?? (int)message.DequeueCount,
                    row?.FirstFailedAt, row?.LastErrorAt, row?.LastError, row?.Status));
            }
        }

        return result;
    }

    /// <summary>Moves matching poison messages back to the processing queue (or, on a dry run, counts them).</summary>
    public async Task<BatchResult> ReprocessAsync(ReprocessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.ReportIds is { Count: > 0 } list ? list.ToHashSet() : null;
        var max = Math.Clamp(request.Max, 0, ReprocessRequest.DefaultMax);
        var held = new List<QueueMessage>();
        var matched = new List<(QueueMessage Message, IReadOnlyList<ProcessReportMessage> Parsed)>();
        var scanned = 0;
        var moved = 0;
        try
        {
            while (scanned < ScanLimit)
            {
                var page = await _poison.ReceiveMessagesAsync(PageSize, HoldFor, cancellationToken).ConfigureAwait(false);
                if (page.Value.Length == 0)
                {
                    break;
                }

                foreach (var message in page.Value)
                {
                    scanned++;
                    var parsed = Parse(message.Body);
                    if (matched.Count < max && parsed.Any(p => Matches(p, ids, request)))
                    {
                        matched.Add((message, parsed));
                    }
                    else
                    {
                        held.Add(message);
                    }
                }
            }

            if (request.DryRun)
            {
                held.AddRange(matched.Select(m => m.Message));
            }
            else
            {
                foreach (var (message, parsed) in matched)
                {
                    foreach (var report in parsed)
                    {
                        // Row first: a fast processor must not see its 'processed' overwritten by 'received'.
                        await index.MarkRequeuedAsync(report.ReceivedOn, report.ReportId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    }

                    await processing.EnqueueAsync(parsed, cancellationToken).ConfigureAwait(false);
                    await _poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                    moved++;
                    foreach (var report in parsed)
                    {
                        LogMoved(report.ReportId);
                    }
                }
            }
        }
        finally
        {
            // Whatever stays in the poison queue becomes visible again now rather than after the hold.
            foreach (var message in held)
            {
                await _poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }

        return new BatchResult(request.DryRun, scanned, matched.Count, moved, matched.SelectMany(m => m.Parsed.Select(p => p.ReportId)).ToList());
    }

    private static bool Matches(ProcessReportMessage message, HashSet<Guid>? ids, ReprocessRequest request) =>
        (ids is null || ids.Contains(message.ReportId))
        && (request.ReceivedFrom is not { } from || message.ReceivedOn >= from)
        && (request.ReceivedTo is not { } to || message.ReceivedOn <= to);

    /// <summary>The reports a poison message names (one, or a batch whose last delivery never finished); none if it is not a processing message.</summary>
    private static IReadOnlyList<ProcessReportMessage> Parse(BinaryData body)
    {
        try
        {
            return ProcessingQueue.DeserializeAll(body.ToString());
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Moved report {ReportId} from the poison queue back to the processing queue")]
    private partial void LogMoved(Guid reportId);
}
