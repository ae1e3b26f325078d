namespace Intake.Core.Places;

/// <summary>
/// Comparison keys of subdivision names to ISO 3166-2 codes, per country and across all countries.
/// A key two subdivisions of one country share is ambiguous and resolves to nothing (an admin alias can settle it).
/// </summary>
internal sealed class PlaceNameIndex
{
    private readonly FrozenDictionary<string, string?> _byCountry;
    private readonly FrozenDictionary<string, string?> _global;
    private readonly FrozenDictionary<string, Candidate[]> _candidates;

    private readonly record struct Candidate(string Key, string SortedKey, string Code);

    private PlaceNameIndex(IEnumerable<(string Code, string Name)> names)
    {
        var byCountry = new Dictionary<string, string?>(StringComparer.Ordinal);
        var global = new Dictionary<string, string?>(StringComparer.Ordinal);
        var candidates = new Dictionary<string, Dictionary<string, Candidate>>(StringComparer.Ordinal);
        foreach (var (code, name) in names)
        {
            var key = PlaceNameNormalizer.Key(name);
            if (key.Length == 0)
            {
                continue;
            }

            var country = code[..2];
            Add(byCountry, Compose(country, key), code);
            Add(global, key, code);
            if (!candidates.TryGetValue(country, out var list))
            {
                candidates[country] = list = new Dictionary<string, Candidate>(StringComparer.Ordinal);
            }

            list.TryAdd(key, new Candidate(key, SortTokens(key), code));
        }

        _byCountry = byCountry.ToFrozenDictionary(StringComparer.Ordinal);
        _global = global.ToFrozenDictionary(StringComparer.Ordinal);
        // Sorted by key length: a fuzzy search only looks at keys whose length allows the threshold.
        _candidates = candidates.ToFrozenDictionary(
            c => c.Key,
            c => c.Value.Values.OrderBy(v => v.Key.Length).ThenBy(v => v.Key, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Every name of every subdivision of the gazetteer.</summary>
    public static PlaceNameIndex FromGazetteer(Gazetteer gazetteer) =>
        new(gazetteer.Subdivisions.Values.SelectMany(s => s.Names.Select(n => (s.Code, n.Name))));

    /// <summary>Admin aliases whose code the gazetteer knows (others cannot be a subdivision and are ignored).</summary>
    public static PlaceNameIndex FromAliases(IEnumerable<PlaceAlias> aliases, Gazetteer gazetteer) =>
        new(aliases.Where(a => gazetteer.Subdivisions.ContainsKey(a.Code)).Select(a => (a.Code, a.Name)));

    /// <summary>The code a key names in a country, or across all countries when <paramref name="country"/> is null; null when none or ambiguous.</summary>
    public string? Find(string? country, string key) =>
        country is null ? _global.GetValueOrDefault(key) : _byCountry.GetValueOrDefault(Compose(country, key));

    /// <summary>The subdivision of <paramref name="country"/> whose name is most like the key, when one is at least <paramref name="threshold"/> alike and no other code is as alike.</summary>
    public (string Code, double Score)? Fuzzy(string country, string key, double threshold)
    {
        if (!_candidates.TryGetValue(country, out var candidates))
        {
            return null;
        }

        var sorted = SortTokens(key);
        var shortest = (int)Math.Ceiling(threshold * key.Length);
        var longest = (int)Math.Floor(key.Length / threshold);
        string? best = null;
        double bestScore = 0;
        var tie = false;
        for (var i = FirstOfLength(candidates, shortest); i < candidates.Length && candidates[i].Key.Length <= longest; i++)
        {
            var candidate = candidates[i];
            var score = Similarity.AtLeast(key, candidate.Key, threshold);
            if (score < 1 && (!ReferenceEquals(sorted, key) || !ReferenceEquals(candidate.SortedKey, candidate.Key)))
            {
                // Word order differs between languages ("Darfur West"): compare the sorted words too.
                score = Math.Max(score, Similarity.AtLeast(sorted, candidate.SortedKey, threshold));
            }

            if (score > bestScore)
            {
                (best, bestScore, tie) = (candidate.Code, score, false);
            }
            else if (score > 0 && score == bestScore && candidate.Code != best)
            {
                tie = true;
            }
        }

        return best is null || tie ? null : (best, Math.Round(bestScore, 3));
    }

    private static void Add(Dictionary<string, string?> map, string key, string code)
    {
        if (!map.TryGetValue(key, out var existing))
        {
            map[key] = code;
        }
        else if (existing != code)
        {
            map[key] = null;
        }
    }

    private static string Compose(string country, string key) => string.Concat(country, "\u0001", key);

    private static int FirstOfLength(Candidate[] candidates, int length)
    {
        int low = 0, high = candidates.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (candidates[middle].Key.Length < length)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The key's words in order; the same instance when it has one word, so callers can skip a second comparison.</summary>
    private static string SortTokens(string key)
    {
        if (!key.Contains(' ', StringComparison.Ordinal))
        {
            return key;
        }

        var tokens = key.Split(' ');
        Array.Sort(tokens, StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }
}
