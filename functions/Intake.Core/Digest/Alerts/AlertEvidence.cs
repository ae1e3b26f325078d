namespace Intake.Core.Digest.Alerts;

/// <summary>What an alert fired on: the series, the test and its numbers, the window, the sources and the reports.</summary>
/// <param name="Signal">The series tested (<see cref="AlertSignals"/>, a risk factor code, or risk factors joined by <c>+</c>).</param>
/// <param name="Test">The test: <c>negative-binomial-tail</c>, <c>poisson-cusum</c>, <c>minimum-count</c> or <c>per-report</c>.</param>
/// <param name="Observed">Counted on the day (or over the rise, for an escalation).</param>
/// <param name="Expected">Expected from the baseline over the same days.</param>
/// <param name="Probability">Upper-tail probability of at least the observed count under the baseline; null when not tested.</param>
/// <param name="Statistic">The detector's statistic (CUSUM) when there is one.</param>
/// <param name="Threshold">The statistic's or probability's threshold that was crossed.</param>
/// <param name="WindowFrom">First occurrence day counted.</param>
/// <param name="WindowTo">Last occurrence day counted (the digest day).</param>
/// <param name="BaselineFrom">First day of the baseline; null without one.</param>
/// <param name="BaselineTo">Last day of the baseline; null without one.</param>
/// <param name="Reports">Reports behind the alert.</param>
/// <param name="Sources">Distinct sources (submitter token ids; reports without a token count as one source).</param>
/// <param name="SourceTypes">Distinct source types, sorted.</param>
/// <param name="ReportIds">The reports, heaviest first, at most <see cref="MaxReportIds"/>.</param>
/// <param name="Last28Days">The series per occurrence day, oldest first, ending on the digest day, as known at its end.</param>
public sealed record AlertEvidence(
    string Signal,
    string Test,
    double Observed,
    double Expected,
    double? Probability,
    double? Statistic,
    double? Threshold,
    DateOnly WindowFrom,
    DateOnly WindowTo,
    DateOnly? BaselineFrom,
    DateOnly? BaselineTo,
    int Reports,
    int Sources,
    IReadOnlyList<string> SourceTypes,
    IReadOnlyList<Guid> ReportIds,
    IReadOnlyList<int> Last28Days)
{
    /// <summary>How many report ids an alert lists.</summary>
    public const int MaxReportIds = 20;

    /// <summary>
    /// The ids in <see cref="ReportIds"/> whose reporter did not consent to sharing: internal recipients
    /// see them, partners never (<see cref="PartnerView"/>); null when there are none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Guid>? Unshared { get; init; }

    /// <summary>Days of <see cref="Last28Days"/>.</summary>
    public const int SparkDays = 28;
}
