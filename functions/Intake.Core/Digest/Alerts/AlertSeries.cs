using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// A unit's counts per category and killed, per occurrence day of the window ending on the evaluated
/// day, counting only cells received by the end of that day ("as known at the end of D"). Index
/// <c>Span - 1</c> is the evaluated day.
/// </summary>
internal sealed class AlertSeries
{
    private readonly int[][] _byCategory;
    private readonly int[] _killed;

    public AlertSeries(int categories, int span)
    {
        Span = span;
        _byCategory = Enumerable.Range(0, categories).Select(_ => new int[span]).ToArray();
        _killed = new int[span];
    }

    public int Span { get; }

    /// <summary>The evaluated day's number (<see cref="DateOnly.DayNumber"/>).</summary>
    public int Day { get; private set; }

    /// <summary>Refills the series for <paramref name="unit"/> as known at the end of <paramref name="day"/>; false when it has nothing in the window.</summary>
    public bool Fill(AlertUnit unit, int day)
    {
        Day = day;
        foreach (var row in _byCategory)
        {
            Array.Clear(row);
        }

        Array.Clear(_killed);
        var first = day - Span + 1;
        var any = false;
        foreach (var cell in unit.Cells)
        {
            if (cell.Received > day || cell.Occurred < first || cell.Occurred > day)
            {
                continue;
            }

            var t = cell.Occurred - first;
            foreach (var (category, count) in cell.Categories)
            {
                _byCategory[category][t] += count;
            }

            _killed[t] += cell.Killed;
            any = true;
        }

        return any;
    }

    /// <summary>The signal's count on the evaluated day: cheap, so most units are dismissed before their series is read.</summary>
    public int Today(Signal signal)
    {
        if (signal.IsKilled)
        {
            return _killed[^1];
        }

        var sum = 0;
        for (var c = 0; c < _byCategory.Length; c++)
        {
            if (signal.Categories[c])
            {
                sum += _byCategory[c][^1];
            }
        }

        return sum;
    }

    /// <summary>Writes the signal's counts per day into <paramref name="into"/> (length <see cref="Span"/>).</summary>
    public void Read(Signal signal, Span<int> into)
    {
        if (signal.IsKilled)
        {
            _killed.CopyTo(into);
            return;
        }

        into.Clear();
        for (var c = 0; c < _byCategory.Length; c++)
        {
            if (!signal.Categories[c])
            {
                continue;
            }

            var row = _byCategory[c];
            for (var t = 0; t < row.Length; t++)
            {
                into[t] += row[t];
            }
        }
    }

    /// <summary>A series a rule tests: killed, or the incidents of a set of categories.</summary>
    internal sealed record Signal(string Name, bool[] Categories, bool IsKilled)
    {
        /// <summary>Whether a report of <paramref name="categoryIndex"/> with <paramref name="killed"/> killed counts in this signal.</summary>
        public bool Counts(int categoryIndex, int killed) => IsKilled ? killed > 0 : Categories[categoryIndex];

        /// <summary>Resolves a signal name (or a group of risk factors) against the taxonomy; the last index stands for codes it does not know.</summary>
        public static Signal Resolve(CategoryTaxonomy taxonomy, string name, IReadOnlyCollection<string> riskFactors)
        {
            var mask = new bool[taxonomy.Categories.Count + 1];
            for (var c = 0; c < taxonomy.Categories.Count; c++)
            {
                mask[c] = name == AlertSignals.Incidents || taxonomy.Categories[c].RiskFactors.Any(riskFactors.Contains);
            }

            mask[^1] = name == AlertSignals.Incidents;
            return new Signal(name, mask, name == AlertSignals.Killed);
        }
    }
}
