namespace Intake.Core.Digest;

/// <summary>Processed reports received on the day.</summary>
/// <param name="Reports">How many.</param>
/// <param name="Killed">Sum of reported killed.</param>
/// <param name="Injured">Sum of reported injured.</param>
/// <param name="ByCategory">Reports per category code.</param>
/// <param name="ByAdmin1">Reports per admin1 area, keyed <c>CC/Area</c> in totals and <c>Area</c> in a region.</param>
/// <param name="RiskFactors">Risk factors signalled, in framework order.</param>
public sealed record ReceivedCounts(
    int Reports,
    int Killed,
    int Injured,
    SortedDictionary<string, int> ByCategory,
    SortedDictionary<string, int> ByAdmin1,
    IReadOnlyList<RiskFactorCount> RiskFactors);
