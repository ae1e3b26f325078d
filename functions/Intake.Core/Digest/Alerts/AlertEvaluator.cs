using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;
using static Intake.Core.Digest.Alerts.AlertWording;

namespace Intake.Core.Digest.Alerts;

/// <summary>Tests each rule on one unit's series as known at the end of one day.</summary>
internal sealed class AlertEvaluator
{
    private readonly AlertRules _rules;
    private readonly Dictionary<string, int> _categoryIndex;
    private readonly int _unknownCategory;
    private readonly Dictionary<AlertRule, AlertSeries.Signal[]> _signals = [];
    private readonly AlertSeries.Signal _incidents;

    public AlertEvaluator(CategoryTaxonomy taxonomy, AlertRules rules)
    {
        _rules = rules;
        _categoryIndex = taxonomy.Categories.Select((c, i) => (c.Code, i)).ToDictionary(c => c.Code, c => c.i, StringComparer.Ordinal);
        _unknownCategory = taxonomy.Categories.Count;
        _incidents = AlertSeries.Signal.Resolve(taxonomy, AlertSignals.Incidents, []);
        foreach (var rule in rules.Rules)
        {
            _signals[rule] = rule.Kind switch
            {
                AlertKinds.RiskFactor => [AlertSeries.Signal.Resolve(taxonomy, string.Join("+", rule.RiskFactors!), rule.RiskFactors!)],
                AlertKinds.Spike or AlertKinds.Escalation => [.. rule.Signals!.Select(s => AlertSeries.Signal.Resolve(taxonomy, s, [s]))],
                _ => [],
            };
        }
    }

    public int CategoryIndex(string code) => _categoryIndex.TryGetValue(code, out var i) ? i : _unknownCategory;

    public IEnumerable<AlertFinding> Evaluate(AlertUnit unit, AlertSeries series)
    {
        var level = unit.Area is null ? AlertLevels.Country : AlertLevels.Area;
        var counts = new int[series.Span];
        for (var order = 0; order < _rules.Rules.Count; order++)
        {
            var rule = _rules.Rules[order];
            if (rule.LevelOrDefault != level)
            {
                continue;
            }

            var finding = rule.Kind switch
            {
                AlertKinds.Severity => Severity(order, rule, unit, series, counts),
                AlertKinds.Escalation => _signals[rule].Select(s => Escalation(order, rule, unit, series, s, counts)).OfType<AlertFinding>().OrderBy(f => f.Evidence.Probability ?? 1).FirstOrDefault(),
                _ => _signals[rule].Select(s => Spike(order, rule, unit, series, s, counts)).OfType<AlertFinding>().OrderBy(f => f.Evidence.Probability ?? 1).FirstOrDefault(),
            };
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    private AlertFinding? Spike(int order, AlertRule rule, AlertUnit unit, AlertSeries series, AlertSeries.Signal signal, int[] counts)
    {
        var observed = series.Today(signal);
        var min = rule.Kind == AlertKinds.RiskFactor ? rule.MinReports ?? 1 : rule.MinCount!.Value;
        if (observed < min)
        {
            return null;
        }

        series.Read(signal, counts);

        var baselineEnd = counts.Length - 1 - rule.Guard;
        var baseline = counts.AsSpan(baselineEnd - rule.Baseline, rule.Baseline);
        var (mean, daily, uncertainty) = CountStatistics.Baseline(baseline, rule.PriorRate ?? AlertRule.DefaultPriorRate, rule.PriorDays ?? AlertRule.DefaultPriorDays);
        double? probability = rule.MaxProbability is null ? null : CountStatistics.UpperTail(observed, mean, daily + uncertainty);
        if (probability > rule.MaxProbability)
        {
            return null;
        }

        var day = DateOnly.FromDayNumber(series.Day);
        var (reports, sources, types, ids, unshared) = Evidence(unit, signal, series.Day, series.Day, series.Day);
        if (sources < (rule.MinSources ?? 1))
        {
            return null;
        }

        var evidence = new AlertEvidence(
            signal.Name, probability is null ? "minimum-count" : "negative-binomial-tail", observed, Math.Round(mean, 3), Round(probability), null, rule.MaxProbability,
            day, day, day.AddDays(-rule.Guard - rule.Baseline), day.AddDays(-rule.Guard - 1), reports, sources, types, ids, Spark(counts))
        {
            Unshared = unshared,
        };
        return new AlertFinding(order, rule, unit, SpikeMessage(rule, unit, evidence, min), Numbers(evidence, ("minCount", min)), evidence);
    }

    private AlertFinding? Escalation(int order, AlertRule rule, AlertUnit unit, AlertSeries series, AlertSeries.Signal signal, int[] counts)
    {
        // An escalation is still rising on the day (checked in full below): most units stop here.
        if (series.Today(signal) < 2)
        {
            return null;
        }

        series.Read(signal, counts);
        var watch = counts.AsSpan(counts.Length - rule.Watch);
        var baseline = counts.AsSpan(counts.Length - rule.Watch - rule.Baseline, rule.Baseline);
        var (rate0, _, uncertainty) = CountStatistics.Baseline(baseline, rule.PriorRate ?? AlertRule.DefaultPriorRate, rule.PriorDays ?? AlertRule.DefaultPriorDays);
        var rate1 = Math.Max(rate0 * (rule.Ratio ?? 2), rate0 + (rule.MinShift ?? 0.5));
        var (statistic, start) = CountStatistics.Cusum(watch, rate0, rate1);
        var threshold = rule.Threshold ?? 4;
        var runDays = watch.Length - start;
        if (statistic < threshold || runDays < 2)
        {
            return null;
        }

        var observed = 0;
        foreach (var c in watch[start..])
        {
            observed += c;
        }

        // Still rising on the day (at least 2, and at least the run's daily mean): a cluster that
        // has already faded is not an escalation; a build-up climbs to the day.
        if (observed < (rule.MinCount ?? 1) || watch[^1] < 2 || watch[^1] * runDays < observed)
        {
            return null;
        }

        // The sum of n days: n times Poisson variation, plus n^2 times the baseline rate's own
        // uncertainty (the same estimate is used for every day), which dominates in quiet areas.
        // Overdispersion is left to the spike test: over several days it mostly hid real rises.
        var expected = rate0 * runDays;
        var probability = CountStatistics.UpperTail(observed, expected, expected + (runDays * runDays * uncertainty));
        if (probability > rule.MaxProbability)
        {
            return null;
        }

        var day = DateOnly.FromDayNumber(series.Day);
        var from = day.AddDays(-runDays + 1);
        var (reports, sources, types, ids, unshared) = Evidence(unit, signal, from.DayNumber, series.Day, series.Day);
        if (sources < (rule.MinSources ?? 1))
        {
            return null;
        }

        var evidence = new AlertEvidence(
            signal.Name, "poisson-cusum", observed, Math.Round(expected, 3), Round(probability), Math.Round(statistic, 3), threshold,
            from, day, day.AddDays(-rule.Watch - rule.Baseline + 1), day.AddDays(-rule.Watch), reports, sources, types, ids, Spark(counts))
        {
            Unshared = unshared,
        };
        return new AlertFinding(order, rule, unit, EscalationMessage(rule, unit, evidence, rate0, rate1), Numbers(evidence, ("runDays", runDays), ("baselineRate", Math.Round(rate0, 3))), evidence);
    }

    private AlertFinding? Severity(int order, AlertRule rule, AlertUnit unit, AlertSeries series, int[] counts)
    {
        var entries = unit.Cells
            .Where(c => c.Received == series.Day)
            .SelectMany(c => c.Source.Counts.Entries)
            .Where(e => e.Severity >= rule.MinSeverity!.Value && e.Killed >= (rule.MinKilled ?? 0))
            .ToList();
        if (entries.Count < (rule.MinReports ?? 1))
        {
            return null;
        }

        var (sources, types, ids, unshared) = Describe(entries);
        if (sources < (rule.MinSources ?? 1))
        {
            return null;
        }

        var day = DateOnly.FromDayNumber(series.Day);
        series.Read(_incidents, counts);
        var evidence = new AlertEvidence(
            "severity", "per-report", entries.Count, 0, null, null, null, day, day, null, null, entries.Count, sources, types, ids, Spark(counts))
        {
            Unshared = unshared,
        };
        var killed = entries.Sum(e => e.Killed);
        return new AlertFinding(order, rule, unit, SeverityMessage(rule, unit, entries.Count, killed, sources), Numbers(evidence, ("killed", killed), ("minSeverity", rule.MinSeverity!.Value), ("minKilled", rule.MinKilled ?? 0)), evidence);
    }

    /// <summary>The reports counted in a signal over occurrence days [from, to], as known at the end of <paramref name="day"/>.</summary>
    private (int Reports, int Sources, IReadOnlyList<string> Types, IReadOnlyList<Guid> Ids, IReadOnlyList<Guid>? Unshared) Evidence(AlertUnit unit, AlertSeries.Signal signal, int from, int to, int day)
    {
        var entries = unit.Cells
            .Where(c => c.Received <= day && c.Occurred >= from && c.Occurred <= to)
            .SelectMany(c => c.Source.Counts.Entries)
            .Where(e => signal.Counts(CategoryIndex(e.Category), e.Killed))
            .ToList();
        var (sources, types, ids, unshared) = Describe(entries);
        return (entries.Count, sources, types, ids, unshared);
    }

    private static (int Sources, IReadOnlyList<string> Types, IReadOnlyList<Guid> Ids, IReadOnlyList<Guid>? Unshared) Describe(List<TallyEntry> entries)
    {
        entries.Sort(TallyEntry.ByWeight);
        // Reports sent without a token are counted as one source: nothing says they are independent.
        var sources = entries.Select(e => e.SubmitterId ?? "").Distinct(StringComparer.Ordinal).Count();
        var types = entries.Select(e => e.SourceType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var listed = entries.Take(AlertEvidence.MaxReportIds).ToList();
        var unshared = listed.Where(e => !e.SharedWithPartners).Select(e => e.ReportId).ToList();
        return (sources, types, listed.Select(e => e.ReportId).ToList(), unshared.Count == 0 ? null : unshared);
    }

    private static int[] Spark(int[] counts) => counts[^AlertEvidence.SparkDays..];

    private static double? Round(double? p) => p is null ? null : double.Parse(p.Value.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static SortedDictionary<string, double> Numbers(AlertEvidence e, params (string Name, double Value)[] more)
    {
        var numbers = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["observed"] = e.Observed,
            ["expected"] = e.Expected,
            ["reports"] = e.Reports,
            ["sources"] = e.Sources,
        };
        foreach (var (name, value) in more.Append(("probability", e.Probability ?? double.NaN)).Append(("statistic", e.Statistic ?? double.NaN)).Append(("threshold", e.Threshold ?? double.NaN)))
        {
            if (!double.IsNaN(value))
            {
                numbers[name] = value;
            }
        }

        return numbers;
    }
}
