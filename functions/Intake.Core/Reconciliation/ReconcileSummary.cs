namespace Intake.Core.Reconciliation;

/// <summary>What one reconciler run looked at and repaired.</summary>
/// <param name="SubmissionsScanned">Raw submissions inside the look-back window.</param>
/// <param name="RowsCreated">Submissions that had no index row; now indexed and queued.</param>
/// <param name="Requeued">Rows still <c>received</c> past the re-drive interval; queued again.</param>
public sealed record ReconcileSummary(int SubmissionsScanned, int RowsCreated, int Requeued);
