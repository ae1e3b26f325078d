namespace Intake.Core.Digest;

/// <summary>
/// Incidents counted on the day they occurred, as known at the end of the digest day (reports
/// received later do not change a compiled day).
/// </summary>
/// <param name="Incidents">Incidents that occurred on the day.</param>
/// <param name="TrailingSum">Incidents in the 7 days before.</param>
/// <param name="TrailingMean">Mean incidents per day over the 7 days before.</param>
/// <param name="ChangePercent">Change against that mean; null when the mean is 0.</param>
/// <param name="ByCategory">Per category: the day and its trailing mean.</param>
/// <param name="NewAreas">Admin1 areas with incidents on the day and none in the 30 days before.</param>
/// <param name="Last14Days">Incidents per day, oldest first, ending on the day.</param>
public sealed record OccurrenceTrend(
    int Incidents,
    int TrailingSum,
    double TrailingMean,
    double? ChangePercent,
    IReadOnlyList<CategoryTrend> ByCategory,
    IReadOnlyList<string> NewAreas,
    IReadOnlyList<DayCount> Last14Days);
