using Intake.Core.Configuration;
using Intake.Core.Reconciliation;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>The reconciler, on the ReconcileSchedule setting (it also runs once at start-up).</summary>
public sealed class Reconcile(Reconciler reconciler)
{
    [Function(nameof(Reconcile))]
    public Task RunAsync([TimerTrigger(Schedules.Reconcile)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.RunAsync(cancellationToken);
}
