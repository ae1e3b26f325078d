using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intake.PlacesGenerator;

/// <summary>
/// Reads the pinned npm data packages into the gazetteer's model:
/// iso-3166 (the ISO 3166-1 list and the ISO 3166-2 codes with their parents, so first level is known),
/// cldr-subdivisions-full (CLDR's English subdivision names), iso3166-2-db (country and subdivision
/// names in a dozen languages from OpenStreetMap, Wikipedia and GeoNames) and world-atlas
/// (Natural Earth 1:50m countries, TopoJSON keyed by ISO 3166-1 numeric).
/// </summary>
internal sealed partial record GazetteerSources(
    string Provenance,
    double[] Scale,
    double[] Translate,
    IReadOnlyList<SourceCountry> Countries,
    IReadOnlyList<SourceSubdivision> Subdivisions)
{
    private static readonly string[] Packages = ["iso-3166", "cldr-subdivisions-full", "iso3166-2-db", "world-atlas"];

    // Natural Earth shapes without an ISO numeric id: the ISO country they belong to. Kosovo takes
    // the user-assigned XK that CLDR and the EU use; the rest (Siachen, Indian Ocean territories) stay out.
    private static readonly Dictionary<string, string> UnnumberedShapes = new(StringComparer.Ordinal)
    {
        ["Somaliland"] = "SO",
        ["N. Cyprus"] = "CY",
        ["Kosovo"] = "XK",
    };

    public static GazetteerSources Read(string nodeModules)
    {
        var provenance = string.Join('\n', Packages.Select(p => $"{p}@{Version(nodeModules, p)}"));
        var countries = ReadIsoCountries(Path.Combine(nodeModules, "iso-3166", "1.js"));
        var firstLevel = ReadIsoFirstLevel(Path.Combine(nodeModules, "iso-3166", "2.js"));
        var cldr = ReadCldr(Path.Combine(nodeModules, "cldr-subdivisions-full", "subdivisions"));
        using var db = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(nodeModules, "iso3166-2-db", "data", "iso3166-2.json")));
        var shapes = TopoJson.ReadCountries(Path.Combine(nodeModules, "world-atlas", "countries-50m.json"), out var scale, out var translate);

        var numericToCode = countries.ToDictionary(c => c.Numeric, c => c.Code, StringComparer.Ordinal);
        var polygonsByCode = new SortedDictionary<string, List<IReadOnlyList<int[]>>>(StringComparer.Ordinal);
        foreach (var shape in shapes)
        {
            var code = shape.Id is { } id && numericToCode.TryGetValue(id, out var c) ? c
                : UnnumberedShapes.GetValueOrDefault(shape.Name);
            if (code is null)
            {
                continue;
            }

            if (!polygonsByCode.TryGetValue(code, out var list))
            {
                polygonsByCode[code] = list = [];
            }

            list.AddRange(shape.Polygons);
        }

        var db2 = db.RootElement;
        var outCountries = new List<SourceCountry>();
        var allCodes = countries.Select(c => (c.Code, c.Name)).Append((Code: "XK", Name: "Kosovo")).OrderBy(c => c.Code, StringComparer.Ordinal);
        foreach (var (code, isoName) in allCodes)
        {
            var names = new List<(string, string)>();
            if (db2.TryGetProperty(code, out var entry) && entry.TryGetProperty("names", out var dbNames))
            {
                AddNames(names, dbNames);
            }

            Add(names, "iso", isoName);
            outCountries.Add(new SourceCountry(code, names, polygonsByCode.GetValueOrDefault(code) ?? []));
        }

        var outSubdivisions = new List<SourceSubdivision>();
        foreach (var (code, isoName) in firstLevel)
        {
            var names = new List<(string, string)>();
            var cldrKey = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            if (cldr.TryGetValue("en", out var en) && en.TryGetValue(cldrKey, out var cldrEn))
            {
                Add(names, "en", cldrEn);
            }

            if (FindRegion(db2, code) is { } region)
            {
                if (region.TryGetProperty("names", out var regionNames))
                {
                    AddNames(names, regionNames);
                }

                if (region.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    Add(names, "en", name.GetString()!);
                }
            }

            Add(names, "en", isoName);
            Add(names, "iso", isoName);
            foreach (var (lang, byKey) in cldr.Where(l => l.Key != "en"))
            {
                if (byKey.TryGetValue(cldrKey, out var translated))
                {
                    Add(names, lang, translated);
                }
            }

            outSubdivisions.Add(new SourceSubdivision(code, names));
        }

        return new GazetteerSources(provenance, scale, translate, outCountries, outSubdivisions);
    }

    private static JsonElement? FindRegion(JsonElement db, string code)
    {
        var country = code[..2];
        var suffix = code[3..];
        if (!db.TryGetProperty(country, out var entry) || !entry.TryGetProperty("regions", out var regions))
        {
            return null;
        }

        foreach (var region in regions.EnumerateArray())
        {
            if (region.TryGetProperty("iso", out var iso) && iso.ValueKind == JsonValueKind.String && iso.GetString() == suffix)
            {
                return region;
            }
        }

        return null;
    }

    private static void AddNames(List<(string, string)> names, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                Add(names, property.Name, property.Value.GetString()!);
            }
        }
    }

    private static void Add(List<(string Lang, string Name)> names, string lang, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length > 0 && !names.Contains((lang, trimmed)))
        {
            names.Add((lang, trimmed));
        }
    }

    private static string Version(string nodeModules, string package)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(nodeModules, package, "package.json")));
        return json.RootElement.GetProperty("version").GetString()!;
    }

    private static List<(string Code, string Name, string Numeric)> ReadIsoCountries(string path)
    {
        var text = File.ReadAllText(path);
        return CountryEntry().Matches(text)
            .Select(m => (m.Groups["alpha2"].Value, Unescape(m.Groups["name"].Value), m.Groups["numeric"].Value))
            .ToList();
    }

    private static SortedDictionary<string, string> ReadIsoFirstLevel(string path)
    {
        var text = File.ReadAllText(path);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in SubdivisionEntry().Matches(text))
        {
            // First level: the parent is the country itself, not another subdivision.
            if (m.Groups["parent"].Value.Length == 2)
            {
                result[m.Groups["code"].Value] = Unescape(m.Groups["name"].Value);
            }
        }

        return result;
    }

    private static SortedDictionary<string, Dictionary<string, string>> ReadCldr(string directory)
    {
        var result = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var localeDir in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var locale = Path.GetFileName(localeDir);
            var file = Directory.GetFiles(localeDir, "*.json").Single();
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var names = json.RootElement.GetProperty("subdivisions").GetProperty("localeDisplayNames").GetProperty("subdivisions");
            result[locale] = names.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }

        return result;
    }

    private static string Unescape(string js) =>
        Regex.Unescape(js.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal));

    [GeneratedRegex(@"name: (?<q>['""])(?<name>(?:(?!\k<q>)[^\\]|\\.)*)\k<q>,\s*state: 'assigned',\s*alpha2: '(?<alpha2>[A-Z]{2})',\s*alpha3: '[A-Z]{3}',\s*numeric: '(?<numeric>\d{3})'")]
    private static partial Regex CountryEntry();

    [GeneratedRegex(@"code: '(?<code>[A-Z]{2}-[A-Z0-9]{1,3})',\s*name: (?<q>['""])(?<name>(?:(?!\k<q>)[^\\]|\\.)*)\k<q>,\s*parent: '(?<parent>[A-Z0-9-]+)'")]
    private static partial Regex SubdivisionEntry();
}
