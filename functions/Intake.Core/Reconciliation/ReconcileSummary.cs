namespace Intake.Core.Reconciliation;

/// <summary>What one reconciler run looked at and repaired.</summary>
/// <param name="SubmissionsScanned">Raw submissions listed: those inside the look-back window (the whole container only while submissions stored before receipt tags may be in the window).</param>
/// <param name="RowsCreated">Submissions that had no index row; now indexed and queued.</param>
/// <param name="Requeued">Rows still <c>received</c> past the re-drive interval; queued again.</param>
public sealed record ReconcileSummary(int SubmissionsScanned, int RowsCreated, int Requeued)
{
    /// <summary>True when the pass did not run because another one (another instance) held the lease.</summary>
    public bool Skipped { get; init; }
}
