using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;

namespace Intake.Core.Tests.Digest;

/// <summary>Builds tally cells by hand: reports received on one day about incidents on another.</summary>
public sealed class HandBuiltDay
{
    public static readonly DateOnly Day = new(2026, 11, 20);

    private readonly List<(DateOnly Received, TalliedReport Report)> _reports = [];

    public static CategoryTaxonomy Taxonomy { get; } = CategoryTaxonomy.LoadEmbedded();

    public static DigestCompiler Compiler { get; } = new(Taxonomy, AlertRules.LoadEmbedded(Taxonomy));

    /// <summary>Adds <paramref name="count"/> reports occurring <paramref name="daysAgo"/> before <see cref="Day"/>, received that day unless said otherwise.</summary>
    /// <remarks>Reports cycle through <paramref name="sources"/> distinct submitter token ids.</remarks>
    public HandBuiltDay Add(int count, int daysAgo = 0, string country = "SD", string admin1 = "North Darfur", string category = "killing", int severity = 3, int? receivedDaysAgo = null, int killed = 0, int sources = 3)
    {
        for (var i = 0; i < count; i++)
        {
            var occurred = Day.AddDays(-daysAgo);
            _reports.Add((Day.AddDays(-(receivedDaysAgo ?? daysAgo)), new TalliedReport(
                Guid.NewGuid(), occurred, "day", country, admin1, category, Taxonomy.Find(category)!.RiskFactors, severity, killed, 0, "eyewitness", $"tok-{i % sources}")));
        }

        return this;
    }

    /// <summary>The cells the tally would hold, one per (received, occurred, country, area).</summary>
    public List<TallyCell> Cells()
    {
        var cells = new Dictionary<(DateOnly, DateOnly, string, string), DayTally>();
        foreach (var (received, report) in _reports)
        {
            var key = (received, report.OccurredOn, report.Country, report.Area);
            if (!cells.TryGetValue(key, out var tally))
            {
                cells[key] = tally = new DayTally();
            }

            tally.Add(report, 1);
        }

        return cells.Select(c => new TallyCell(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value, c.Key.Item4)).ToList();
    }

    public SituationDigest Compile(PipelineHealth? pipeline = null) =>
        Compiler.Compile(Day, Cells(), pipeline ?? new PipelineHealth(0, 0, 0, 0));
}
