using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// Replays stored history day by day, each day as known at its end (cells received by then), and
/// says which alerts each day's digest would have raised, new or ongoing: how an analyst tunes a
/// rule before changing it. Reads the tally once (closed days from their snapshots); deterministic (the same history and rules give
/// the same result). A route or CLI command is one call to <see cref="RunAsync"/>.
/// </summary>
public sealed class AlertBacktest(TallySnapshots tally, CategoryTaxonomy taxonomy, AlertRules rules)
{
    /// <summary>The longest replay, in days.</summary>
    public const int MaxDays = 92;

    /// <summary>The first day of receipt a replay from <paramref name="from"/> with the configured rules reads.</summary>
    public DateOnly FirstReceivedDay(DateOnly from) => new AlertEngine(taxonomy, rules).FirstReceivedDay(from);

    /// <summary>Replays the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">First day (UTC).</param>
    /// <param name="to">Last day (UTC), at most <see cref="MaxDays"/> after <paramref name="from"/>.</param>
    /// <param name="candidate">Rules to try instead of the configured ones (for example a file being edited).</param>
    /// <param name="progress">Told as cells are read and after each day replayed.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or longer than <see cref="MaxDays"/>.</exception>
    public async Task<BacktestResult> RunAsync(
        DateOnly from,
        DateOnly to,
        AlertRules? candidate = null,
        IProgress<BacktestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (to < from || to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The replay must cover 1 to {MaxDays} days from {from:yyyy-MM-dd}.");
        }

        var applied = candidate ?? rules;
        var engine = new AlertEngine(taxonomy, applied);
        var cells = new List<TallyCell>();
        await foreach (var cell in tally.ReadAsync(engine.FirstReceivedDay(from), to, cancellationToken).ConfigureAwait(false))
        {
            cells.Add(cell);
            if (cells.Count % 10_000 == 0)
            {
                progress?.Report(new BacktestProgress("reading", cells.Count, 0));
            }
        }

        progress?.Report(new BacktestProgress("reading", cells.Count, 0));
        var total = to.DayNumber - from.DayNumber + 1;
        var days = engine.Evaluate(cells, from, to, done => progress?.Report(new BacktestProgress("replaying", done, total)), cancellationToken);
        return new BacktestResult(
            from,
            to,
            applied.Version,
            cells.Count,
            [.. days.Select(d => new BacktestDay(d.Day, d.Alerts.Count(a => a.Status == AlertStatuses.New), d.Alerts.Count(a => a.Status == AlertStatuses.Ongoing), d.Alerts))]);
    }
}
