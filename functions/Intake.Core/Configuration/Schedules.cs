namespace Intake.Core.Configuration;

/// <summary>Timer schedules, as app-setting references both hosts resolve (NCRONTAB, UTC).</summary>
public static class Schedules
{
    /// <summary>The digest of the previous UTC day, with catch-up of missing days; 06:00 UTC by default.</summary>
    public const string Digest = "%DigestSchedule%";

    /// <summary>The reconciler that re-drives reports a crash left half-way; every 5 minutes by default.</summary>
    public const string Reconcile = "%ReconcileSchedule%";

    /// <summary>The intraday flash sweep: today's new area-level alerts pushed as flashes; every minute by default.</summary>
    public const string FlashSweep = "%FlashSweepSchedule%";

    /// <summary>Default of the <c>DigestSchedule</c> setting.</summary>
    public const string DefaultDigest = "0 0 6 * * *";

    /// <summary>Default of the <c>ReconcileSchedule</c> setting.</summary>
    public const string DefaultReconcile = "0 */5 * * * *";

    /// <summary>Default of the <c>FlashSweepSchedule</c> setting.</summary>
    public const string DefaultFlashSweep = "0 * * * * *";
}
