namespace Intake.Core.Places;

/// <summary>One name of a place and its language tag (<c>en</c>, <c>fr</c>, <c>ar</c>, ...; <c>iso</c> for the ISO 3166 name, <c>geonames</c> for GeoNames' name).</summary>
public readonly record struct PlaceName(string Language, string Name);
