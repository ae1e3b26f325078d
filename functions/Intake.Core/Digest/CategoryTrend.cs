namespace Intake.Core.Digest;

/// <summary>One category's incidents on the day against its trailing 7-day mean.</summary>
public sealed record CategoryTrend(string Category, int Incidents, double TrailingMean, double? ChangePercent);
