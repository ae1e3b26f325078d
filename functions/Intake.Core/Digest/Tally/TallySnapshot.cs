namespace Intake.Core.Digest.Tally;

/// <summary>
/// The cells of one closed day of receipt, as stored in a snapshot blob (gzip JSON).
/// </summary>
/// <param name="ReceivedOn">The day of receipt.</param>
/// <param name="Mark">The ETag of the day's <c>d|changed</c> row read before the cells were; null when the row was absent.</param>
/// <param name="Cells">Every cell of the day.</param>
internal sealed record TallySnapshot(DateOnly ReceivedOn, string? Mark, IReadOnlyList<TallyCell> Cells);
