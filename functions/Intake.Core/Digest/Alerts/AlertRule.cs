namespace Intake.Core.Digest.Alerts;

/// <summary>One rule of <c>digest/alert-rules.json</c>.</summary>
/// <param name="Id">Stable id each alert names.</param>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
/// <param name="Title">What the rule watches for, in words.</param>
/// <param name="MinSeverity">For <c>severity</c>: the lowest severity that fires.</param>
/// <param name="RiskFactors">For <c>risk-factor</c>: the risk factors that fire.</param>
/// <param name="Factor">For <c>spike</c>: the multiple of the trailing 7-day mean.</param>
/// <param name="MinIncidents">For <c>spike</c>: the fewest incidents that fire.</param>
public sealed record AlertRule(
    string Id,
    string Kind,
    string Title,
    int? MinSeverity = null,
    IReadOnlyList<string>? RiskFactors = null,
    double? Factor = null,
    int? MinIncidents = null);
