using Intake.Core.Places;

namespace Intake.PlacesBenchmark;

/// <summary>
/// Builds reproducible inputs: points on land (rejection sampling against the gazetteer), each with a
/// name of a subdivision of the point's country as reporters write it: as listed in some language,
/// upper-cased, abbreviated, with a typo, as an ISO code, unknown, or absent; half state the country.
/// </summary>
internal static class SampleSet
{
    public static List<Sample> Build(Gazetteer gazetteer, int count, int seed)
    {
        var random = new Random(seed);
        var samples = new List<Sample>(count);
        while (samples.Count < count)
        {
            var latitude = Math.Round((random.NextDouble() * 130) - 55, 5);
            var longitude = Math.Round((random.NextDouble() * 360) - 180, 5);
            if (gazetteer.CountryAt(latitude, longitude) is not { } country)
            {
                continue;
            }

            var subdivisions = gazetteer.SubdivisionsOf(country);
            var admin1 = subdivisions.Count == 0 ? null : Spell(subdivisions[random.Next(subdivisions.Count)], random);
            samples.Add(new Sample(latitude, longitude, random.Next(2) == 0 ? country : null, admin1));
        }

        return samples;
    }

    private static string? Spell(GazetteerArea area, Random random)
    {
        var name = area.Names[random.Next(area.Names.Count)].Name;
        return random.Next(100) switch
        {
            < 50 => name,
            < 60 => name.ToUpperInvariant(),
            < 65 => name.Replace("North", "N.", StringComparison.Ordinal).Replace("West", "W.", StringComparison.Ordinal),
            < 80 => Typo(name, random),
            < 85 => area.Code,
            < 95 => $"Unknown place {random.Next(1000)}",
            _ => null,
        };
    }

    private static string Typo(string name, Random random)
    {
        if (name.Length < 6)
        {
            return name;
        }

        var at = 1 + random.Next(name.Length - 2);
        return string.Concat(name.AsSpan(0, at), name.AsSpan(at + 1));
    }
}
