using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// Replays the tally day by day, each day as known at its end (cells received by then), and tests
/// every rule on every area and country. Whether an alert is new or ongoing is computed the same
/// way, by replaying the <see cref="AlertRules.NewAfterDays"/> days before: no state is kept
/// between digests, so recompiling a day (or backtesting it) gives the same alerts.
/// </summary>
internal sealed class AlertEngine(CategoryTaxonomy taxonomy, AlertRules rules)
{
    private readonly AlertEvaluator _evaluator = new(taxonomy, rules);

    /// <summary>Occurrence days each evaluated day needs, itself included.</summary>
    public int Span { get; } = Math.Max(rules.MaxSpan, AlertEvidence.SparkDays);

    /// <summary>The first day of receipt whose cells the alerts of days from <paramref name="from"/> on need.</summary>
    public DateOnly FirstReceivedDay(DateOnly from) => from.AddDays(-rules.NewAfter - Span);

    /// <summary>The alerts of each day from <paramref name="from"/> to <paramref name="to"/>, in order.</summary>
    /// <param name="cells">Cells received from <see cref="FirstReceivedDay"/> to <paramref name="to"/>; later ones are ignored.</param>
    /// <param name="from">First day reported.</param>
    /// <param name="to">Last day reported.</param>
    /// <param name="dayDone">Called after each reported day, with the count of days done.</param>
    /// <param name="cancellationToken">Stops between days.</param>
    public List<(DateOnly Day, List<DigestAlert> Alerts)> Evaluate(IEnumerable<TallyCell> cells, DateOnly from, DateOnly to, Action<int>? dayDone = null, CancellationToken cancellationToken = default)
    {
        var units = Units(cells, to.DayNumber);
        var series = new AlertSeries(taxonomy.Categories.Count + 1, Span);
        var fired = new Dictionary<(string Rule, string Country, string? Area), List<int>>();
        var result = new List<(DateOnly, List<DigestAlert>)>();
        var newAfter = rules.NewAfter;
        for (var day = from.DayNumber - newAfter; day <= to.DayNumber; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var findings = new List<AlertFinding>();
            foreach (var unit in units)
            {
                if (series.Fill(unit, day))
                {
                    findings.AddRange(_evaluator.Evaluate(unit, series));
                }
            }

            var alerts = new List<(AlertFinding Finding, DigestAlert Alert)>();
            foreach (var finding in findings)
            {
                var key = (finding.Rule.Id, finding.Unit.Country, finding.Unit.Area);
                if (!fired.TryGetValue(key, out var days))
                {
                    fired[key] = days = [];
                }

                // A chain of firings no more than newAfter days apart is one alert, held since its first day.
                var since = day;
                for (var i = days.Count - 1; i >= 0 && since - days[i] <= newAfter; i--)
                {
                    since = days[i];
                }

                days.Add(day);
                var status = since == day ? AlertStatuses.New : AlertStatuses.Ongoing;
                alerts.Add((finding, new DigestAlert(
                    finding.Rule.Id, finding.Rule.Kind, finding.Unit.Country, finding.Message, finding.Numbers,
                    finding.Unit.Area, status, day - since + 1, DateOnly.FromDayNumber(since), finding.Evidence)));
            }

            if (day >= from.DayNumber)
            {
                result.Add((DateOnly.FromDayNumber(day), alerts
                    .OrderBy(a => a.Alert.Status == AlertStatuses.New ? 0 : 1)
                    .ThenBy(a => a.Finding.Order)
                    .ThenBy(a => a.Alert.Region, StringComparer.Ordinal)
                    .ThenBy(a => a.Alert.Area is null ? 0 : 1)
                    .ThenBy(a => a.Alert.Area, StringComparer.Ordinal)
                    .Select(a => a.Alert)
                    .ToList()));
                dayDone?.Invoke(day - from.DayNumber + 1);
            }
        }

        return result;
    }

    private List<AlertUnit> Units(IEnumerable<TallyCell> cells, int lastDay)
    {
        var countries = rules.Rules.Any(r => r.LevelOrDefault == AlertLevels.Country);
        var areas = rules.Rules.Any(r => r.LevelOrDefault == AlertLevels.Area);
        var units = new Dictionary<(string, string?), AlertUnit>();
        foreach (var cell in cells)
        {
            if (cell.ReceivedOn.DayNumber > lastDay)
            {
                continue;
            }

            var compact = new AlertUnit.CompactCell(
                cell.ReceivedOn.DayNumber,
                cell.OccurredOn.DayNumber,
                [.. cell.Counts.Categories.Where(c => c.Value != 0).Select(c => (_evaluator.CategoryIndex(c.Key), c.Value))],
                cell.Counts.Killed,
                cell);
            foreach (var (wanted, key) in new[] { (areas, (cell.Country, (string?)cell.Area)), (countries, (cell.Country, (string?)null)) })
            {
                if (!wanted)
                {
                    continue;
                }

                if (!units.TryGetValue(key, out var unit))
                {
                    units[key] = unit = new AlertUnit(key.Item1, key.Item2);
                }

                unit.Cells.Add(compact);
            }
        }

        return [.. units.Values.OrderBy(u => u.Country, StringComparer.Ordinal).ThenBy(u => u.Area, StringComparer.Ordinal)];
    }
}
