using System.Diagnostics;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Intake.Core.Places;

/// <summary>
/// Countries (ISO 3166-1, with Natural Earth 1:50m boundaries) and first-level subdivisions
/// (ISO 3166-2) with their names in many languages, read once from the embedded resource
/// <c>places/gazetteer.bin.gz</c> when first asked (<see cref="Embedded"/>). No network, no
/// storage. Immutable and safe to share between threads.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>Kilometres per degree of latitude, for turning a tolerance into degrees.</summary>
    internal const double KilometresPerDegree = 111.32;

    private const string ResourceName = "Intake.places.gazetteer.bin.gz";
    private readonly Lazy<Boundaries> _loaded;

    private Gazetteer(Func<GazetteerReader.Content> read) =>
        _loaded = new Lazy<Boundaries>(() => Boundaries.Build(read), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The data packages and versions the resource was generated from, one <c>package@version</c> a line.</summary>
    public string Provenance => _loaded.Value.Provenance;

    /// <summary>How long reading the resource and indexing the boundaries took.</summary>
    public TimeSpan LoadTime => _loaded.Value.LoadTime;

    /// <summary>Countries by ISO 3166-1 alpha-2 code (and <c>XK</c>, Kosovo, as CLDR has it).</summary>
    public IReadOnlyDictionary<string, GazetteerArea> Countries => _loaded.Value.Countries;

    /// <summary>First-level subdivisions by ISO 3166-2 code.</summary>
    public IReadOnlyDictionary<string, GazetteerArea> Subdivisions => _loaded.Value.Subdivisions;

    /// <summary>True once the resource has been read (see <see cref="Embedded"/>).</summary>
    internal bool IsLoaded => _loaded.IsValueCreated;

    /// <summary>Reads the resource embedded in Intake.Core now.</summary>
    public static Gazetteer LoadEmbedded()
    {
        var gazetteer = Embedded();
        _ = gazetteer._loaded.Value;
        return gazetteer;
    }

    /// <summary>
    /// The gazetteer embedded in Intake.Core, read when something first asks it a question. Every
    /// host registers this one: the boundaries and names take ~20 MB and ~0.3 s, and an instance
    /// that only takes reports (or runs a timer that finds nothing to name) never needs them.
    /// </summary>
    public static Gazetteer Embedded() => new(ReadEmbedded);

    /// <summary>The first-level subdivisions of a country; empty for an unknown code.</summary>
    public IReadOnlyList<GazetteerArea> SubdivisionsOf(string country) =>
        _loaded.Value.SubdivisionsByCountry.TryGetValue(country, out var list) ? list : [];

    /// <summary>A country or subdivision by code; null when the gazetteer has no such code.</summary>
    public GazetteerArea? Find(string code)
    {
        var loaded = _loaded.Value;
        return loaded.Subdivisions.GetValueOrDefault(code) ?? loaded.Countries.GetValueOrDefault(code);
    }

    /// <summary>
    /// The name of a country or subdivision in the reader's language (<paramref name="language"/>, a BCP 47 tag),
    /// in English when the gazetteer has none in that language; null for an unknown code.
    /// </summary>
    public string? NameOf(string code, string? language = null) => Find(code)?.NameIn(language);

    /// <summary>
    /// The box (west, south, east, north, in degrees) around the countries of <paramref name="codes"/>
    /// (country or ISO 3166-2 codes; a subdivision counts as its country); null when none is known.
    /// </summary>
    public IReadOnlyList<double>? BoundsOf(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Envelope? box = null;
        foreach (var code in codes.Where(c => c.Length >= 2).Select(c => c[..2].ToUpperInvariant()).Distinct(StringComparer.Ordinal))
        {
            if (_loaded.Value.Shapes.TryGetValue(code, out var shape))
            {
                box ??= new Envelope();
                box.ExpandToInclude(shape.EnvelopeInternal);
            }
        }

        return box is null ? null : [Math.Round(box.MinX, 2), Math.Round(box.MinY, 2), Math.Round(box.MaxX, 2), Math.Round(box.MaxY, 2)];
    }

    /// <summary>The country whose boundary contains the point; null at sea or outside every country.</summary>
    public string? CountryAt(double latitude, double longitude)
    {
        var point = new Coordinate(longitude, latitude);
        foreach (var part in _loaded.Value.Parts.Query(new Envelope(point)))
        {
            if (part.Locator.Locate(point) != Location.Exterior)
            {
                return part.Country;
            }
        }

        return null;
    }

    /// <summary>The nearest country within <paramref name="toleranceKm"/> of the point, for points just off a generalised coast.</summary>
    internal string? NearestCountry(double latitude, double longitude, double toleranceKm)
    {
        var loaded = _loaded.Value;
        var degrees = toleranceKm / KilometresPerDegree;
        var point = loaded.Factory.CreatePoint(new Coordinate(longitude, latitude));
        var search = new Envelope(point.Coordinate);
        search.ExpandBy(degrees);
        string? nearest = null;
        var best = double.MaxValue;
        foreach (var part in loaded.Parts.Query(search))
        {
            var distance = part.Polygon.Distance(point);
            if (distance <= degrees && distance < best)
            {
                best = distance;
                nearest = part.Country;
            }
        }

        return nearest;
    }

    /// <summary>True when the point lies inside or within <paramref name="toleranceKm"/> of the country's boundary.</summary>
    internal bool IsNear(string country, double latitude, double longitude, double toleranceKm)
    {
        var loaded = _loaded.Value;
        return loaded.Shapes.TryGetValue(country, out var shape)
            && shape.IsWithinDistance(loaded.Factory.CreatePoint(new Coordinate(longitude, latitude)), toleranceKm / KilometresPerDegree);
    }

    /// <summary>True when the gazetteer has a boundary for the country (a few micro-states and territories have none at 1:50m).</summary>
    internal bool HasBoundary(string country) => _loaded.Value.Shapes.ContainsKey(country);

    private static GazetteerReader.Content ReadEmbedded()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return GazetteerReader.Read(stream, new GeometryFactory());
    }

    private sealed record Part(string Country, Polygon Polygon, IndexedPointInAreaLocator Locator);

    /// <summary>What the resource holds, read and indexed.</summary>
    private sealed class Boundaries
    {
        public required string Provenance { get; init; }
        public required FrozenDictionary<string, GazetteerArea> Countries { get; init; }
        public required FrozenDictionary<string, GazetteerArea> Subdivisions { get; init; }
        public required FrozenDictionary<string, GazetteerArea[]> SubdivisionsByCountry { get; init; }
        public required FrozenDictionary<string, Geometry> Shapes { get; init; }
        public required STRtree<Part> Parts { get; init; }
        public required GeometryFactory Factory { get; init; }
        public TimeSpan LoadTime { get; private init; }

        public static Boundaries Build(Func<GazetteerReader.Content> read)
        {
            var watch = Stopwatch.StartNew();
            var content = read();
            var factory = new GeometryFactory();
            var parts = new STRtree<Part>();
            var shapes = new Dictionary<string, Geometry>(StringComparer.Ordinal);
            foreach (var (area, polygons) in content.Countries)
            {
                if (polygons.Count == 0)
                {
                    continue;
                }

                shapes[area.Code] = factory.CreateMultiPolygon([.. polygons]);
                foreach (var polygon in polygons)
                {
                    var locator = new IndexedPointInAreaLocator(polygon);
                    // The locator builds its index on first use; building it here keeps later reads free of writes.
                    locator.Locate(polygon.EnvelopeInternal.Centre);
                    parts.Insert(polygon.EnvelopeInternal, new Part(area.Code, polygon, locator));
                }
            }

            parts.Build();
            return new Boundaries
            {
                Provenance = content.Provenance,
                Countries = content.Countries.ToFrozenDictionary(c => c.Area.Code, c => c.Area, StringComparer.Ordinal),
                Subdivisions = content.Subdivisions.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal),
                SubdivisionsByCountry = content.Subdivisions.GroupBy(s => s.Country, StringComparer.Ordinal)
                    .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal),
                Shapes = shapes.ToFrozenDictionary(StringComparer.Ordinal),
                Parts = parts,
                Factory = factory,
                LoadTime = watch.Elapsed,
            };
        }
    }
}
