using Azure.Storage.Queues.Models;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Digest.Flash;
using Intake.Core.Processing;
using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions;

/// <summary>The queue and timer triggers; the self-host runs the same five on the WebJobs SDK.</summary>
public sealed class BackgroundFunctions(ReportBatchProcessor processor, DailyDigestRun digests, Reconciler reconciler, FlashDeliverer flash, FlashSweep sweep)
{
    /// <summary>The processing queue; after 5 dequeues (host.json) the runtime moves the message to reports-poison.</summary>
    [Function("ProcessReport")]
    public Task ProcessReport([QueueTrigger(StorageNames.ProcessingQueue, Connection = StorageAccount.SettingName)] QueueMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return processor.ProcessAsync(ProcessingQueue.DeserializeAll(message.MessageText), message.DequeueCount, ct);
    }

    /// <summary>Flash-alert deliveries: one attempt per message; a retry is a new message made visible after its backoff.</summary>
    [Function("DeliverFlash")]
    public Task DeliverFlash([QueueTrigger(StorageNames.FlashQueue, Connection = StorageAccount.SettingName)] QueueMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return flash.RunAsync(FlashDeliverer.Deserialize(message.MessageText), ct);
    }

    /// <summary>The daily digest (previous UTC day, plus missing days), on the DigestSchedule setting.</summary>
    [Function("DailyDigest")]
    public Task DailyDigest([TimerTrigger(Schedules.Digest)] TimerInfo timer, CancellationToken ct) => digests.RunAsync(ct);

    /// <summary>Today's new area-level alerts pushed as flashes, on the FlashSweepSchedule setting.</summary>
    [Function("FlashSweep")]
    public Task FlashSweep([TimerTrigger(Schedules.FlashSweep)] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);

    /// <summary>The reconciler, on the ReconcileSchedule setting.</summary>
    [Function("Reconcile")]
    public Task Reconcile([TimerTrigger(Schedules.Reconcile)] TimerInfo timer, CancellationToken ct) => reconciler.RunAsync(ct);
}
