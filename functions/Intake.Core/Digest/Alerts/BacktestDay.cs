namespace Intake.Core.Digest.Alerts;

/// <summary>The alerts one day's digest would have raised, as known at the end of that day.</summary>
/// <param name="Day">The day.</param>
/// <param name="New">Alerts that were new.</param>
/// <param name="Ongoing">Alerts that were ongoing.</param>
/// <param name="Alerts">The alerts, new first, as the digest lists them.</param>
public sealed record BacktestDay(DateOnly Day, int New, int Ongoing, IReadOnlyList<DigestAlert> Alerts);
