using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Digest.Flash;
using Intake.Core.Processing;
using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Microsoft.Azure.WebJobs;

namespace Intake.SelfHost.Triggers;

/// <summary>
/// The queue and timer triggers, run by the WebJobs SDK: the same trigger runtime, queue name,
/// schedules and poison handling the Azure Functions host uses.
/// </summary>
public sealed class QueueAndTimerTriggers(ReportBatchProcessor processor, DailyDigestRun digests, Reconciler reconciler, FlashDeliverer flash, FlashSweep sweep)
{
    [FunctionName("ProcessReport")]
    public Task ProcessReportAsync(
        [QueueTrigger(StorageNames.ProcessingQueue, Connection = "AzureWebJobsStorage")] string message,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        processor.ProcessAsync(ProcessingQueue.DeserializeAll(message), dequeueCount, cancellationToken);

    [FunctionName("DeliverFlash")]
    public Task DeliverFlashAsync(
        [QueueTrigger(StorageNames.FlashQueue, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken) =>
        flash.RunAsync(FlashDeliverer.Deserialize(message), cancellationToken);

    [FunctionName("DailyDigest")]
    public Task DailyDigestAsync([TimerTrigger(Schedules.Digest)] TimerInfo timer, CancellationToken cancellationToken) =>
        digests.RunAsync(cancellationToken);

    [FunctionName("FlashSweep")]
    public Task FlashSweepAsync([TimerTrigger(Schedules.FlashSweep)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);

    [FunctionName("Reconcile")]
    public Task ReconcileAsync([TimerTrigger(Schedules.Reconcile)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.RunAsync(cancellationToken);
}
