namespace Intake.Core.Admin;

/// <summary>What a reprocess or requeue did (or, for a dry run, would do).</summary>
/// <param name="DryRun">True when nothing was changed.</param>
/// <param name="Scanned">Messages or index rows looked at.</param>
/// <param name="Matched">How many matched the filter (capped by the maximum).</param>
/// <param name="Moved">How many were queued; 0 on a dry run.</param>
/// <param name="ReportIds">The reports that matched.</param>
public sealed record BatchResult(bool DryRun, int Scanned, int Matched, int Moved, IReadOnlyList<Guid> ReportIds);
