using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;

namespace Intake.Core.Tests.Digest.Alerts;

/// <summary>
/// A synthetic history for the alert tests: four countries, 4 to 10 areas each, a noisy calm
/// baseline in which every category occurs at low rates (property destruction, detentions and
/// hate speech included), one report in seven arriving 1 to 6 days late, and two escalations:
/// a slow build-up of incitement and detentions in one area ending in mass killings, and a
/// sudden outbreak in one area of the country with the largest calm baseline. Everything comes
/// from the seed: the same seed gives the same reports.
/// </summary>
public sealed class EscalationScenario
{
    public static readonly DateOnly Start = new(2026, 8, 1);

    /// <summary>Days before the tested period, so that every area has a full baseline.</summary>
    public const int WarmUpDays = 42;

    /// <summary>The tested period.</summary>
    public const int TestDays = 35;

    public static readonly (string Country, string[] Areas)[] Countries =
    [
        ("SD", ["North Darfur", "West Darfur", "South Darfur", "Central Darfur", "Khartoum", "Blue Nile"]),
        ("ML", ["Gao", "Mopti", "Timbuktu", "Kidal", "Segou"]),
        ("CD", ["Ituri", "North Kivu", "South Kivu", "Tanganyika", "Kasai", "Kinshasa", "Maniema", "Haut-Uele", "Tshopo", "Kongo Central"]),
        ("SS", ["Jonglei", "Upper Nile", "Unity", "Warrap"]),
    ];

    public static readonly (string Country, string Area) BuildUpArea = ("SD", "West Darfur");

    public static readonly (string Country, string Area) OutbreakArea = ("CD", "Ituri");

    private static readonly string[] SourceTypes = ["eyewitness", "secondary", "media", "official"];
    private readonly Random _random;
    private readonly CategoryTaxonomy _taxonomy;
    private readonly List<(DateOnly Received, TalliedReport Report)> _reports = [];

    public EscalationScenario(CategoryTaxonomy taxonomy, int seed)
    {
        _taxonomy = taxonomy;
        _random = new Random(seed);
        // The escalations fall on different days for each seed, always inside the tested period.
        Peak = FirstTestDay.AddDays(8 + _random.Next(10));
        Outbreak = FirstTestDay.AddDays(6 + _random.Next(20));
        Generate();
    }

    public static DateOnly FirstTestDay => Start.AddDays(WarmUpDays);

    public static DateOnly LastTestDay => FirstTestDay.AddDays(TestDays - 1);

    /// <summary>The day of the mass killings the build-up leads to; incitement rises over the 4 days before.</summary>
    public DateOnly Peak { get; }

    /// <summary>The first day of the sudden outbreak.</summary>
    public DateOnly Outbreak { get; }

    public IReadOnlyList<(DateOnly Received, TalliedReport Report)> Reports => _reports;

    /// <summary>Whether an area-day belongs to an escalation (from its first day to a week after its last).</summary>
    public bool IsEscalating(string country, string? area, DateOnly day) =>
        (country == BuildUpArea.Country && (area is null || area == BuildUpArea.Area) && day >= Peak.AddDays(-4) && day <= Peak.AddDays(2 + 7))
        || (country == OutbreakArea.Country && (area is null || area == OutbreakArea.Area) && day >= Outbreak && day <= Outbreak.AddDays(2 + 7));

    /// <summary>The cells the tally holds, one per (received, occurred, country, area).</summary>
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

        return [.. cells.OrderBy(c => c.Key).Select(c => new TallyCell(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value, c.Key.Item4))];
    }

    private void Generate()
    {
        // Calm rates per area and category: every category now and then, 0.02 to 0.25 a day.
        var rates = Countries.SelectMany(c => c.Areas.Select(a => (c.Country, Area: a)))
            .ToDictionary(a => a, _ => _taxonomy.Categories.Select(_ => 0.02 + (_random.NextDouble() * 0.23)).ToArray());
        for (var d = 0; d < WarmUpDays + TestDays; d++)
        {
            var day = Start.AddDays(d);
            foreach (var ((country, area), perCategory) in rates)
            {
                for (var c = 0; c < perCategory.Length; c++)
                {
                    Add(day, country, area, _taxonomy.Categories[c].Code, Poisson(perCategory[c]));
                }
            }

            BuildUp(day);
            Sudden(day);
        }
    }

    private void BuildUp(DateOnly day)
    {
        var (country, area) = BuildUpArea;
        var before = Peak.DayNumber - day.DayNumber;
        if (before is >= 1 and <= 4)
        {
            // Incitement and detentions climbing for four days: 1-2, 2-3, 3-4, 4-6 a day.
            var step = 5 - before;
            Add(day, country, area, "hate-speech-incitement", step + _random.Next(0, 2) + (step == 4 ? 1 : 0));
            Add(day, country, area, "arbitrary-detention", step - 1 + _random.Next(0, 2));
        }
        else if (before is 0 or -1 or -2)
        {
            Add(day, country, area, "killing", before == 0 ? 12 : 6 + (2 * before), severity: 5, killedFrom: 3, killedTo: 20);
            Add(day, country, area, "forced-displacement", 4 + before);
        }
    }

    private void Sudden(DateOnly day)
    {
        var (country, area) = OutbreakArea;
        var after = day.DayNumber - Outbreak.DayNumber;
        if (after is >= 0 and <= 2)
        {
            Add(day, country, area, "attack-on-civilians", 10 - (3 * after), severity: 4, killedFrom: 0, killedTo: 4);
            Add(day, country, area, "killing", 6 - (2 * after), severity: 4, killedFrom: 1, killedTo: 6);
            Add(day, country, area, "forced-displacement", 4);
        }
    }

    private void Add(DateOnly day, string country, string area, string category, int count, int? severity = null, int killedFrom = 0, int killedTo = 0)
    {
        var rf = _taxonomy.Find(category)!.RiskFactors;
        for (var i = 0; i < count; i++)
        {
            var killed = severity is null
                ? category == "killing" ? _random.Next(1, 4) : category == "attack-on-civilians" ? _random.Next(0, 3) : 0
                : _random.Next(killedFrom, killedTo + 1);
            var sev = severity ?? _random.Next(100) switch { < 3 => 5, < 20 => 4, < 50 => 3, < 80 => 2, _ => 1 };
            // One in seven arrives late, from a phone that was offline for 1 to 6 days.
            var received = _random.Next(7) == 0 ? day.AddDays(_random.Next(1, 7)) : day;
            var submitter = _random.Next(10) == 0 ? null : $"tok-{country}-{area.Replace(' ', '-')}-{_random.Next(8)}";
            _reports.Add((received, new TalliedReport(
                NewId(), day, "day", country, area, category, rf, sev, killed, _random.Next(4) == 0 ? _random.Next(1, 6) : 0,
                SourceTypes[_random.Next(SourceTypes.Length)], submitter)));
        }
    }

    private int Poisson(double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
        {
            k++;
        }

        return k;
    }

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
