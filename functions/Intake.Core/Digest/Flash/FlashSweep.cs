using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// The intraday sweep (timer <c>FlashSweep</c>, every minute by default): evaluates today's
/// area-level alerts as known now, with the digest's own <see cref="AlertEngine"/> and the rules
/// that flash (<see cref="AlertRule.Flashes"/>), and pushes every alert that is <em>new</em> today
/// (not ongoing) as a flash, once per (area, rule) in the window.
/// <para>
/// Why a sweep and not the processor: an area rule needs the area's 28-day series and the days
/// that say new or ongoing, ~44 days of cells. Per report that would be ~44 reads on the hot
/// path; once a minute it is one point read per closed day (snapshots kept in memory) and the two
/// open days read live, whatever the volume, and a burst of reports costs one evaluation.
/// </para>
/// Today's alerts are the same the digest of today will show as known at this minute: a later
/// report can only add to them. Idempotent: a second sweep that sees the same new alert finds its
/// claim and deliveries and sends nothing more; the next day the alert is ongoing and not flashed.
/// </summary>
public sealed partial class FlashSweep
{
    private readonly TallySnapshots _tally;
    private readonly FlashDispatcher _dispatcher;
    private readonly IOptions<FlashOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FlashSweep> _logger;
    private readonly AlertEngine? _engine;
    private readonly Dictionary<string, string> _titles;

    /// <summary>Creates the sweep over the configured rules that flash.</summary>
    public FlashSweep(TallySnapshots tally, CategoryTaxonomy taxonomy, AlertRules rules, FlashDispatcher dispatcher, IOptions<FlashOptions> options, TimeProvider time, ILogger<FlashSweep> logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _tally = tally;
        _dispatcher = dispatcher;
        _options = options;
        _time = time;
        _logger = logger;
        var flashing = rules.Rules.Where(r => r.Flashes && r.LevelOrDefault == AlertLevels.Area).ToList();
        _engine = flashing.Count == 0 ? null : new AlertEngine(taxonomy, rules with { Rules = flashing });
        _titles = flashing.ToDictionary(r => r.Id, r => r.Title, StringComparer.Ordinal);
    }

    /// <summary>Evaluates today's area alerts and flashes the new ones; returns how many deliveries were queued.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is null || !_options.Value.Enabled)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var cells = new List<TallyCell>();
        await foreach (var cell in _tally.ReadAsync(_engine.FirstReceivedDay(today), today, cancellationToken).ConfigureAwait(false))
        {
            cells.Add(cell);
        }

        var fresh = _engine.Evaluate(cells, today, today, cancellationToken: cancellationToken).Single().Alerts
            .Where(a => a.Status == AlertStatuses.New && a.Area is not null)
            .ToList();
        var queued = 0;
        // One flash per area: an outbreak fires a spike and an escalation at once, and one message
        // is what makes an analyst look. The first rule in the file leads; the others ride along.
        foreach (var area in fresh.GroupBy(a => (a.Region, a.Area)))
        {
            var lead = area.First();
            queued += await _dispatcher.RaiseAreaAlertAsync(lead, _titles[lead.Rule], [.. area.Skip(1)], cancellationToken).ConfigureAwait(false);
        }

        LogSwept(today, cells.Count, fresh.Count, queued);
        return queued;
    }

    [LoggerMessage(EventId = 715, Level = LogLevel.Debug, Message = "Flash sweep of {Day}: {Cells} tally cells, {NewAlerts} new area alert(s), {Queued} delivery(ies) queued")]
    private partial void LogSwept(DateOnly day, int cells, int newAlerts, int queued);
}
