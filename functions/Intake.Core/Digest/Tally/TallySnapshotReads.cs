namespace Intake.Core.Digest.Tally;

/// <summary>How <see cref="TallySnapshots"/> has read days so far: what a benchmark prints and a test checks.</summary>
/// <param name="Live">Days read from the table because they are still open (today and yesterday).</param>
/// <param name="Cached">Closed days served from memory: their snapshot still held.</param>
/// <param name="Downloaded">Closed days served from their snapshot blob.</param>
/// <param name="Built">Closed days read from the table and stored as a snapshot (none yet, or it no longer held).</param>
public sealed record TallySnapshotReads(int Live, int Cached, int Downloaded, int Built);
