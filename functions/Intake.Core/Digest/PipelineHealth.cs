namespace Intake.Core.Digest;

/// <summary>The reports received on the day, by where they are in the pipeline.</summary>
/// <param name="Received">All reports received.</param>
/// <param name="Processed">Processed and counted in the digest.</param>
/// <param name="Failed">Failed every attempt (their messages went to the poison queue).</param>
/// <param name="Waiting">Not processed yet.</param>
/// <param name="NeedsReview">OpenRosa instances kept but not readable as a report; an admin must look at them.</param>
/// <param name="Encrypted">Encrypted OpenRosa submissions, kept as received; not counted until decrypted.</param>
public sealed record PipelineHealth(int Received, int Processed, int Failed, int Waiting, int NeedsReview = 0, int Encrypted = 0);
