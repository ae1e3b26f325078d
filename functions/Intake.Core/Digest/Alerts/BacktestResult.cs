namespace Intake.Core.Digest.Alerts;

/// <summary>A replay of the alert rules over stored history.</summary>
/// <param name="From">First day replayed.</param>
/// <param name="To">Last day replayed.</param>
/// <param name="AlertRulesVersion">Version of the rules replayed.</param>
/// <param name="CellsRead">Tally cells read.</param>
/// <param name="Days">Each day, oldest first.</param>
public sealed record BacktestResult(DateOnly From, DateOnly To, int AlertRulesVersion, int CellsRead, IReadOnlyList<BacktestDay> Days);
