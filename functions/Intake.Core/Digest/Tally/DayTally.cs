namespace Intake.Core.Digest.Tally;

/// <summary>
/// Counts of the reports of one (day received, day occurred, country, area) cell of the tally.
/// Mutable because it is read, changed and written back under an ETag; serialised as JSON in
/// one table property, with sorted keys so equal counts give equal text.
/// </summary>
public sealed class DayTally
{
    /// <summary>How many notable incidents a cell keeps; a digest shows fewer.</summary>
    public const int NotableCapacity = 10;

    /// <summary>
    /// How many reports a cell lists in <see cref="Entries"/>: enough to name an alert's reports and
    /// count its sources, small enough that a busy cell stays far under the table's 64 KiB property limit.
    /// </summary>
    public const int EntryCapacity = 64;

    /// <summary>
    /// How many distinct names a cell counts in <see cref="Admin1"/>. A cell is one area, but names
    /// that differ only in characters a row key cannot hold share it, so without a bound a submitter
    /// could grow one cell past the table's 64 KiB property limit with names of 100 non-ASCII
    /// characters (600 escaped each), and every later report of the cell would fail. Beyond the bound,
    /// a name is counted under <see cref="OtherAreas"/>: every total stays exact.
    /// </summary>
    public const int AreaCapacity = 16;

    /// <summary>The <see cref="Admin1"/> key of the reports of names beyond <see cref="AreaCapacity"/>.</summary>
    public const string OtherAreas = "(other areas)";

    /// <summary>Reports counted.</summary>
    public int Reports { get; set; }

    /// <summary>Sum of reported killed.</summary>
    public int Killed { get; set; }

    /// <summary>Sum of reported injured.</summary>
    public int Injured { get; set; }

    /// <summary>Reports per category code.</summary>
    public SortedDictionary<string, int> Categories { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reports per admin1 area.</summary>
    public SortedDictionary<string, int> Admin1 { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reports per risk factor signalled.</summary>
    public SortedDictionary<string, int> RiskFactors { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reports per severity (<c>"1"</c> to <c>"5"</c>).</summary>
    public SortedDictionary<string, int> Severities { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reports per source type.</summary>
    public SortedDictionary<string, int> Sources { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The most notable incidents, most notable first, at most <see cref="NotableCapacity"/>.</summary>
    public List<TalliedReport> Notable { get; init; } = [];

    /// <summary>
    /// The cell's reports (report id, category, severity, killed, source type, submitter token id),
    /// heaviest first, at most <see cref="EntryCapacity"/>; counts stay exact beyond it. Kept per
    /// cell: <see cref="Merge"/> does not gather them.
    /// </summary>
    public List<TallyEntry> Entries { get; init; } = [];

    /// <summary>Orders incidents most notable first; the report id breaks ties so the order is total.</summary>
    public static Comparison<TalliedReport> ByNotability { get; } = (a, b) =>
    {
        var c = b.Severity.CompareTo(a.Severity);
        c = c != 0 ? c : b.Killed.CompareTo(a.Killed);
        c = c != 0 ? c : b.Injured.CompareTo(a.Injured);
        c = c != 0 ? c : b.OccurredOn.CompareTo(a.OccurredOn);
        return c != 0 ? c : a.ReportId.CompareTo(b.ReportId);
    };

    /// <summary>Counts a report in (<paramref name="sign"/> = 1) or out (-1, when it was reclassified).</summary>
    public void Add(TalliedReport report, int sign)
    {
        ArgumentNullException.ThrowIfNull(report);
        Reports += sign;
        Killed += sign * report.Killed;
        Injured += sign * report.Injured;
        Bump(Categories, report.Category, sign);
        Bump(Admin1, AreaKey(report.Admin1, sign), sign);
        Bump(Severities, report.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture), sign);
        Bump(Sources, report.SourceType, sign);
        foreach (var rf in report.RiskFactors)
        {
            Bump(RiskFactors, rf, sign);
        }

        Entries.RemoveAll(e => e.ReportId == report.ReportId);
        if (sign > 0)
        {
            Entries.Add(TallyEntry.Of(report));
            Entries.Sort(TallyEntry.ByWeight);
            if (Entries.Count > EntryCapacity)
            {
                Entries.RemoveRange(EntryCapacity, Entries.Count - EntryCapacity);
            }
        }

        Notable.RemoveAll(n => n.ReportId == report.ReportId);
        if (sign > 0 && report.IsNotable)
        {
            Notable.Add(report);
            Notable.Sort(ByNotability);
            if (Notable.Count > NotableCapacity)
            {
                Notable.RemoveRange(NotableCapacity, Notable.Count - NotableCapacity);
            }
        }
    }

    /// <summary>
    /// The <see cref="Admin1"/> key a report is counted under: its name while the cell has room for it,
    /// else <see cref="OtherAreas"/>. Taken out, it comes off its name if counted, else off the others:
    /// the totals stay exact whatever the order (a name may later take a count that went to the others).
    /// </summary>
    private string AreaKey(string area, int sign) =>
        Admin1.ContainsKey(area) ? area
        : sign > 0 && Admin1.Count(a => a.Key != OtherAreas) < AreaCapacity ? area
        : OtherAreas;

    /// <summary>Adds another cell's counts to this one.</summary>
    public void Merge(DayTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Reports += other.Reports;
        Killed += other.Killed;
        Injured += other.Injured;
        MergeInto(Categories, other.Categories);
        MergeInto(Admin1, other.Admin1);
        MergeInto(RiskFactors, other.RiskFactors);
        MergeInto(Severities, other.Severities);
        MergeInto(Sources, other.Sources);
        Notable.AddRange(other.Notable);
        Notable.Sort(ByNotability);
    }

    private static void MergeInto(SortedDictionary<string, int> target, SortedDictionary<string, int> source)
    {
        foreach (var (key, count) in source)
        {
            Bump(target, key, count);
        }
    }

    private static void Bump(SortedDictionary<string, int> counts, string key, int by)
    {
        var value = counts.GetValueOrDefault(key) + by;
        if (value == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = value;
        }
    }
}
