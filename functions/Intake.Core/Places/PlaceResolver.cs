using Intake.Core.Reports;

namespace Intake.Core.Places;

/// <summary>
/// Settles where a report is: its country (stated, else from the coordinates) and its first-level
/// subdivision as an ISO 3166-2 code, from admin1 text in any language or spelling. Pure and in memory:
/// no storage, no network, safe to share between threads. Never rejects: what cannot be resolved is
/// kept as given and flagged.
/// </summary>
public sealed partial class PlaceResolver
{
    /// <summary>How far (km) a point may lie outside its stated country before the country is flagged as disagreeing. Covers 1:50m boundaries and GPS error near borders.</summary>
    public const double BorderToleranceKm = 25;

    /// <summary>The least similarity (0 to 1) a fuzzy match needs.</summary>
    public const double FuzzyThreshold = 0.8;

    // Keys shorter than this are too short to guess at: "Nil" is one edit from too many names.
    private const int MinFuzzyKeyLength = 5;

    private readonly Gazetteer _gazetteer;
    private readonly Lazy<PlaceNameIndex> _names;
    private readonly IPlaceAliasSource _aliasSource;
    private volatile AliasSnapshot? _aliases;

    private sealed record AliasSnapshot(IReadOnlyList<PlaceAlias> Source, PlaceNameIndex Index);

    /// <summary>A resolver over <paramref name="gazetteer"/> and the admin aliases of <paramref name="aliases"/>.</summary>
    public PlaceResolver(Gazetteer gazetteer, IPlaceAliasSource aliases)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(aliases);
        _gazetteer = gazetteer;
        _aliasSource = aliases;
        // Built at the first report, not here: every trigger of a host is constructed with the
        // processor, and a timer that never resolves a place should not load the gazetteer.
        _names = new Lazy<PlaceNameIndex>(() => PlaceNameIndex.FromGazetteer(gazetteer), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The gazetteer resolved against.</summary>
    public Gazetteer Gazetteer => _gazetteer;

    /// <summary>Resolves the location of a valid report.</summary>
    public PlaceResolution Resolve(ReportLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Resolve(location.Latitude, location.Longitude, location.Country, location.Admin1);
    }

    /// <summary>Resolves a point, an optional stated ISO 3166-1 country and optional admin1 text.</summary>
    public PlaceResolution Resolve(double latitude, double longitude, string? country, string? admin1)
    {
        var (resolvedCountry, flags) = ResolveCountry(latitude, longitude, country);
        var text = Clean(admin1);
        if (text is null)
        {
            var method = resolvedCountry is null ? PlaceMatch.None
                : (flags & PlaceFlags.CountryFromCoordinates) != 0 ? PlaceMatch.Coordinates : PlaceMatch.Stated;
            return new PlaceResolution(resolvedCountry, null, null, method, null, flags);
        }

        var (code, match, score) = ResolveAdmin1(resolvedCountry, text);
        if (code is null)
        {
            return new PlaceResolution(resolvedCountry, null, text, PlaceMatch.Unresolved, null, flags);
        }

        var codeCountry = code[..2];
        if (resolvedCountry is null)
        {
            (resolvedCountry, flags) = (codeCountry, flags | PlaceFlags.CountryFromAdmin1);
        }
        else if (codeCountry != resolvedCountry)
        {
            flags |= PlaceFlags.Admin1OtherCountry;
        }

        return new PlaceResolution(resolvedCountry, code, _gazetteer.NameOf(code, "en"), match, score, flags);
    }

    private (string? Country, PlaceFlags Flags) ResolveCountry(double latitude, double longitude, string? stated)
    {
        if (latitude == 0 && longitude == 0)
        {
            // No phone is at (0, 0): it had no fix. The point says nothing about the country.
            return (stated, PlaceFlags.NullIsland);
        }

        var at = _gazetteer.CountryAt(latitude, longitude) ?? _gazetteer.NearestCountry(latitude, longitude, BorderToleranceKm);
        if (stated is null)
        {
            return at is null ? (null, PlaceFlags.OutsideAnyCountry) : (at, PlaceFlags.CountryFromCoordinates);
        }

        if (at is null)
        {
            return (stated, PlaceFlags.OutsideAnyCountry);
        }

        // Near a border the point may fall just across it (generalised boundaries, GPS error, a reporter
        // who crossed): only a point well outside the stated country counts as disagreeing.
        var agrees = at == stated || !_gazetteer.HasBoundary(stated) || _gazetteer.IsNear(stated, latitude, longitude, BorderToleranceKm);
        return (stated, agrees ? PlaceFlags.None : PlaceFlags.CountryDisagrees);
    }

    private (string? Code, PlaceMatch Match, double? Score) ResolveAdmin1(string? country, string text)
    {
        var upper = text.ToUpperInvariant();
        if (IsoSubdivisionCode().IsMatch(upper) && _gazetteer.Subdivisions.ContainsKey(upper))
        {
            return (upper, PlaceMatch.Code, null);
        }

        var key = PlaceNameNormalizer.Key(text);
        if (key.Length == 0)
        {
            return (null, PlaceMatch.Unresolved, null);
        }

        // Admin aliases first: they are how an admin settles a name the gazetteer gets wrong or finds ambiguous.
        if (CurrentAliases().Find(country, key) is { } alias)
        {
            return (alias, PlaceMatch.Alias, null);
        }

        if (_names.Value.Find(country, key) is { } exact)
        {
            return (exact, PlaceMatch.Exact, null);
        }

        if (country is not null && key.Length >= MinFuzzyKeyLength && _names.Value.Fuzzy(country, key, FuzzyThreshold) is { } fuzzy)
        {
            return (fuzzy.Code, PlaceMatch.Fuzzy, fuzzy.Score);
        }

        return (null, PlaceMatch.Unresolved, null);
    }

    private PlaceNameIndex CurrentAliases()
    {
        var snapshot = _aliases;
        var current = _aliasSource.Current;
        if (snapshot is null || !ReferenceEquals(snapshot.Source, current))
        {
            // The first or a new alias list: index it once; a race only builds the same index twice.
            snapshot = new AliasSnapshot(current, PlaceNameIndex.FromAliases(current, _gazetteer));
            _aliases = snapshot;
        }

        return snapshot.Index;
    }

    /// <summary>Trims and collapses white space; null for nothing.</summary>
    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex IsoSubdivisionCode();
}
