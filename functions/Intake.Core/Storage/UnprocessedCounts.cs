namespace Intake.Core.Storage;

/// <summary>Reports of a day of receipt that are not processed, by status.</summary>
/// <param name="Waiting">Received or retrying.</param>
/// <param name="Failed">Failed every attempt.</param>
/// <param name="NeedsReview">Kept but not readable as a report.</param>
/// <param name="Encrypted">Kept encrypted, as received.</param>
public sealed record UnprocessedCounts(int Waiting, int Failed, int NeedsReview, int Encrypted)
{
    /// <summary>All of them.</summary>
    public int Total => Waiting + Failed + NeedsReview + Encrypted;
}
