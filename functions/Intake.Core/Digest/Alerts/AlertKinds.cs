namespace Intake.Core.Digest.Alerts;

/// <summary>The kinds of alert rule the compiler knows.</summary>
internal static class AlertKinds
{
    /// <summary>Reports received on the day with at least a given severity (and killed): per report, no baseline.</summary>
    public const string Severity = "severity";

    /// <summary>Reports occurring on the day in categories signalling given risk factors, with a minimum and optionally a baseline test.</summary>
    public const string RiskFactor = "risk-factor";

    /// <summary>A series on the day tested against its trailing baseline (negative binomial upper tail).</summary>
    public const string Spike = "spike";

    /// <summary>A gradual rise over several days (Poisson CUSUM against the baseline before it).</summary>
    public const string Escalation = "escalation";
}
