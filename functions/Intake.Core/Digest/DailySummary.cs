namespace Intake.Core.Digest;

/// <summary>
/// Counts of the reports received on one UTC day. The seam the situation digest grows from;
/// its JSON is deterministic (sorted keys, no compile time) so a recompile gives the same bytes.
/// </summary>
/// <param name="Day">The UTC day of receipt.</param>
/// <param name="Received">Reports received that day.</param>
/// <param name="Processed">Of those, processed.</param>
/// <param name="Failed">Of those, failed.</param>
/// <param name="Killed">Sum of reported killed, where known.</param>
/// <param name="Injured">Sum of reported injured, where known.</param>
/// <param name="ByCategory">Processed reports per category code.</param>
/// <param name="ByCountry">Processed reports per country (ISO code or <c>unknown</c>), each with its admin1 areas.</param>
public sealed record DailySummary(
    DateOnly Day,
    int Received,
    int Processed,
    int Failed,
    int Killed,
    int Injured,
    SortedDictionary<string, int> ByCategory,
    SortedDictionary<string, AreaCount> ByCountry);
