using Intake.Core.Digest.Tally;
using Intake.Core.Taxonomy;

namespace Intake.DigestBenchmark;

/// <summary>
/// Generates a day's worth of tallied reports, as the processor would have counted them:
/// spread over a dozen countries, <c>areas</c> areas in all and every category, most occurring on
/// the day, some arriving late, on top of <c>historyDays</c> earlier days of background activity.
/// </summary>
public sealed class SyntheticDay(CategoryTaxonomy taxonomy, int seed, int areas = 180, int historyDays = 31)
{
    private static readonly string[] Countries = ["SD", "SS", "CD", "ML", "BF", "NE", "NG", "CF", "ET", "SO", "MM", "HT"];
    private static readonly string[] SudanAreas = ["North Darfur", "West Darfur", "South Darfur", "Central Darfur", "Khartoum", "Blue Nile", "South Kordofan", "Gezira"];
    private readonly Random _random = new(seed);

    /// <summary>Reports received on <paramref name="day"/>, and a background for the 31 days before.</summary>
    public IEnumerable<(DateOnly ReceivedOn, TalliedReport Report)> Generate(DateOnly day, int reportsOnTheDay)
    {
        var background = Math.Max(1, reportsOnTheDay / 12);
        for (var d = historyDays; d >= 1; d--)
        {
            for (var i = 0; i < background; i++)
            {
                yield return (day.AddDays(-d), Report(day.AddDays(-d - (_random.Next(10) == 0 ? _random.Next(1, 4) : 0)), quietCountry: true));
            }
        }

        for (var i = 0; i < reportsOnTheDay; i++)
        {
            // One in eight arrives late, from a phone that was offline for up to six days.
            var occurred = _random.Next(8) == 0 ? day.AddDays(-_random.Next(1, 7)) : day;
            yield return (day, Report(occurred, quietCountry: false));
        }
    }

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private TalliedReport Report(DateOnly occurred, bool quietCountry)
    {
        // "HT" only reports on the day itself: its areas are new and it spikes.
        var country = Countries[_random.Next(quietCountry ? Countries.Length - 1 : Countries.Length)];
        var perCountry = Math.Max(1, areas / Countries.Length);
        var admin1 = country == "SD" && areas <= 180 ? SudanAreas[_random.Next(SudanAreas.Length)] : $"{country} Province {_random.Next(1, perCountry + 1)}";
        var category = taxonomy.Categories[_random.Next(taxonomy.Categories.Count)];
        var severity = _random.Next(100) switch { < 2 => 5, < 15 => 4, < 45 => 3, < 80 => 2, _ => 1 };
        return new TalliedReport(
            NewId(),
            occurred,
            "hour",
            country,
            admin1,
            category.Code,
            category.RiskFactors,
            severity,
            category.Code == "killing" ? _random.Next(1, 6) : 0,
            _random.Next(4) == 0 ? _random.Next(1, 10) : 0,
            _random.Next(3) == 0 ? "secondary" : "eyewitness",
            $"tok-{_random.Next(500)}");
    }
}
