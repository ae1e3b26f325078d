namespace Intake.Core.Taxonomy;

/// <summary>
/// The category taxonomy, read from <c>taxonomy/categories.json</c> (embedded at build time so
/// that both hosts classify with the same file the repository shows).
/// </summary>
public sealed class CategoryTaxonomy
{
    private readonly FrozenDictionary<string, IncidentCategory> _byCode;

    /// <summary>Creates a taxonomy from its parts.</summary>
    public CategoryTaxonomy(int version, IReadOnlyList<RiskFactor> riskFactors, IReadOnlyList<IncidentCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(riskFactors);
        ArgumentNullException.ThrowIfNull(categories);
        Version = version;
        RiskFactors = riskFactors;
        Categories = categories;
        _byCode = categories.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
    }

    /// <summary>The taxonomy file's version.</summary>
    public int Version { get; }

    /// <summary>The 14 risk factors, in order.</summary>
    public IReadOnlyList<RiskFactor> RiskFactors { get; }

    /// <summary>The categories, in the order forms should list them.</summary>
    public IReadOnlyList<IncidentCategory> Categories { get; }

    /// <summary>Finds a category by its code; null when the code is unknown.</summary>
    public IncidentCategory? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Loads the taxonomy embedded in this assembly.</summary>
    public static CategoryTaxonomy LoadEmbedded()
    {
        using var stream = typeof(CategoryTaxonomy).Assembly.GetManifestResourceStream("Intake.taxonomy.categories.json")
            ?? throw new InvalidOperationException("The taxonomy resource is missing from Intake.Core.");
        return Load(stream);
    }

    /// <summary>Parses a taxonomy document.</summary>
    /// <exception cref="JsonException">The document is not a valid taxonomy.</exception>
    public static CategoryTaxonomy Load(Stream json)
    {
        var document = JsonSerializer.Deserialize(json, TaxonomyJsonContext.Default.TaxonomyDocument)
            ?? throw new JsonException("The taxonomy document is empty.");
        var known = document.RiskFactors.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var category in document.Categories)
        {
            var unknown = category.RiskFactors.Where(r => !known.Contains(r)).ToList();
            if (unknown.Count > 0)
            {
                throw new JsonException($"Category '{category.Code}' names unknown risk factors: {string.Join(", ", unknown)}.");
            }
        }

        return new CategoryTaxonomy(document.Version, document.RiskFactors, document.Categories);
    }
}
