namespace Intake.Core.Storage;

/// <summary>
/// A processing queue message naming several reports (<c>{"reports":[...]}</c>), written by
/// <see cref="ProcessingBatcher"/> and the reconciler: one queue message per up to
/// <see cref="ProcessingQueue.MaxBatch"/> reports instead of one each. A message naming one report keeps
/// the single form (<see cref="ProcessReportMessage"/>), which every processor reads.
/// </summary>
/// <param name="Reports">The reports, each with its index partition.</param>
public sealed record ProcessBatchMessage(IReadOnlyList<ProcessReportMessage> Reports);
