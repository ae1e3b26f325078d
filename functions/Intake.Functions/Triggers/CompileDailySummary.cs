using Intake.Core.Configuration;
using Intake.Core.Digest;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>The daily summary of the previous UTC day, on the DigestSchedule setting.</summary>
public sealed class CompileDailySummary(DailySummaryCompiler compiler)
{
    [Function(nameof(CompileDailySummary))]
    public Task RunAsync([TimerTrigger(Schedules.DailySummary)] TimerInfo timer, CancellationToken cancellationToken) =>
        compiler.CompilePreviousDayAsync(cancellationToken);
}
