namespace Intake.Core.Digest.Alerts;

/// <summary>How far a backtest is: reading the tally, then replaying day by day.</summary>
/// <param name="Phase"><c>reading</c> (Done = cells read so far, Total unknown: 0) or <c>replaying</c> (days done of Total).</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all; 0 when not known.</param>
public sealed record BacktestProgress(string Phase, int Done, int Total);
