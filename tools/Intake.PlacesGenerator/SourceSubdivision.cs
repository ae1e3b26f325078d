namespace Intake.PlacesGenerator;

/// <summary>A first-level subdivision: ISO 3166-2 code and names (language tag, name), display names first.</summary>
internal sealed record SourceSubdivision(string Code, IReadOnlyList<(string Lang, string Name)> Names);
