namespace Intake.Core.Digest.Alerts;

/// <summary>The kinds of alert rule the compiler knows.</summary>
public static class AlertKinds
{
    /// <summary>Reports received on the day with at least a given severity.</summary>
    public const string Severity = "severity";

    /// <summary>Reports received on the day whose category signals given risk factors.</summary>
    public const string RiskFactor = "risk-factor";

    /// <summary>A region's incidents on the day against its trailing 7-day mean.</summary>
    public const string Spike = "spike";
}
