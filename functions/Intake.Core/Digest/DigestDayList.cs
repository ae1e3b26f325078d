namespace Intake.Core.Digest;

/// <summary>The days that have a stored digest (<c>GET /api/digests</c>), newest first.</summary>
/// <param name="Days">The days, newest first.</param>
/// <param name="Before">When the list is full, the value of <c>before</c> for the next (older) page; null when there is none.</param>
public sealed record DigestDayList(IReadOnlyList<DateOnly> Days, DateOnly? Before);
