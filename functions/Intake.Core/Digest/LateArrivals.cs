namespace Intake.Core.Digest;

/// <summary>Reports received on the day about incidents of earlier days (phones that were offline).</summary>
/// <param name="Reports">How many.</param>
/// <param name="EarlierDays">The earlier days they changed, oldest first.</param>
public sealed record LateArrivals(int Reports, IReadOnlyList<DayCount> EarlierDays);
