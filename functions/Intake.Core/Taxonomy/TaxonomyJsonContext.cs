namespace Intake.Core.Taxonomy;

internal sealed record TaxonomyDocument(int Version, IReadOnlyList<RiskFactor> RiskFactors, IReadOnlyList<IncidentCategory> Categories);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TaxonomyDocument))]
internal sealed partial class TaxonomyJsonContext : JsonSerializerContext;
