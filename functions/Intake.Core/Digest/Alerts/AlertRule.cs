namespace Intake.Core.Digest.Alerts;

/// <summary>
/// One rule of <c>digest/alert-rules.json</c>. Which fields a kind takes is documented in
/// docs/DIGEST.md and checked by <see cref="AlertRules.Load"/>; absent optional fields take the
/// defaults below.
/// </summary>
/// <param name="Id">Stable id each alert names.</param>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
/// <param name="Title">What the rule watches for, in words.</param>
/// <param name="Level">One of <see cref="AlertLevels"/>: each area (default) or each country.</param>
/// <param name="MinSeverity">For <c>severity</c>: the lowest severity that fires.</param>
/// <param name="MinKilled">For <c>severity</c>: the fewest killed a report must give (default 0).</param>
/// <param name="RiskFactors">For <c>risk-factor</c>: reports in categories signalling any of these are counted.</param>
/// <param name="Signals">For <c>spike</c> and <c>escalation</c>: the series tested (<see cref="AlertSignals"/>).</param>
/// <param name="MinReports">For <c>severity</c> and <c>risk-factor</c>: the fewest reports that fire (default 1).</param>
/// <param name="MinCount">For <c>spike</c> and <c>escalation</c>: the fewest counted (on the day, or over the rise) that fire.</param>
/// <param name="MaxProbability">The largest upper-tail probability under the baseline that fires; absent means no baseline test.</param>
/// <param name="BaselineDays">Days of the trailing baseline (default <see cref="DefaultBaselineDays"/>).</param>
/// <param name="GuardDays">Days just before the tested day left out of the baseline, so that a rise does not hide itself (default <see cref="DefaultGuardDays"/>).</param>
/// <param name="PriorRate">Per day: the rate assumed for an area with little history (default <see cref="DefaultPriorRate"/>).</param>
/// <param name="PriorDays">How many days of history that prior weighs (default <see cref="DefaultPriorDays"/>).</param>
/// <param name="Days">For <c>escalation</c>: the days the detector watches, ending on the digest day (default 7).</param>
/// <param name="Ratio">For <c>escalation</c>: the rise to detect, as a multiple of the baseline rate (default 2).</param>
/// <param name="MinShift">For <c>escalation</c>: the smallest rise to detect, in counts per day (default 0.5).</param>
/// <param name="Threshold">For <c>escalation</c>: the CUSUM decision threshold h (default 4).</param>
/// <param name="MinSources">The fewest independent sources (distinct submitter tokens) behind an alert (default 1).</param>
/// <param name="Flash">Whether a new alert of this rule is pushed as a flash as soon as the intraday sweep sees it (default: area-level rules other than <c>severity</c>, see <see cref="Flashes"/>).</param>
public sealed record AlertRule(
    string Id,
    string Kind,
    string Title,
    string? Level = null,
    int? MinSeverity = null,
    int? MinKilled = null,
    IReadOnlyList<string>? RiskFactors = null,
    IReadOnlyList<string>? Signals = null,
    int? MinReports = null,
    int? MinCount = null,
    double? MaxProbability = null,
    int? BaselineDays = null,
    int? GuardDays = null,
    double? PriorRate = null,
    int? PriorDays = null,
    int? Days = null,
    double? Ratio = null,
    double? MinShift = null,
    double? Threshold = null,
    int? MinSources = null,
    bool? Flash = null)
{
    /// <summary>Default <see cref="BaselineDays"/>.</summary>
    public const int DefaultBaselineDays = 28;

    /// <summary>Default <see cref="GuardDays"/>.</summary>
    public const int DefaultGuardDays = 7;

    /// <summary>Default <see cref="PriorRate"/>.</summary>
    public const double DefaultPriorRate = 0.1;

    /// <summary>Default <see cref="PriorDays"/>.</summary>
    public const int DefaultPriorDays = 7;

    /// <summary>Default <see cref="Days"/>.</summary>
    public const int DefaultDays = 7;

    internal string LevelOrDefault => Level ?? AlertLevels.Area;

    /// <summary>
    /// Whether the flash sweep pushes this rule's new alerts. By default area-level rules do,
    /// except <c>severity</c>, whose single mass-casualty report the processor already flashes
    /// (rule <c>mass-casualty</c>); country-level rules wait for the digest, as an area alert
    /// names the place first.
    /// </summary>
    internal bool Flashes => Flash ?? (LevelOrDefault == AlertLevels.Area && Kind != AlertKinds.Severity);

    internal int Baseline => BaselineDays ?? DefaultBaselineDays;

    internal int Guard => GuardDays ?? DefaultGuardDays;

    internal int Watch => Days ?? DefaultDays;

    /// <summary>Occurrence days the rule looks at, the tested day included.</summary>
    internal int Span => Kind switch
    {
        AlertKinds.Severity => 1,
        AlertKinds.Escalation => Watch + Baseline,
        _ => 1 + Guard + Baseline,
    };
}
