using Intake.Core.Configuration;
using Intake.Core.Digest;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>The daily digest (previous UTC day, plus missing days), on the DigestSchedule setting.</summary>
public sealed class DailyDigest(DailyDigestRun run)
{
    [Function(nameof(DailyDigest))]
    public Task RunAsync([TimerTrigger(Schedules.Digest)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(cancellationToken);
}
