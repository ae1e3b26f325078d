namespace Intake.PlacesGenerator;

/// <summary>A country as the generator writes it: code, names (language tag, name) and rings of quantized points.</summary>
internal sealed record SourceCountry(string Code, IReadOnlyList<(string Lang, string Name)> Names, IReadOnlyList<IReadOnlyList<int[]>> Polygons);
