namespace Intake.Core.Admin;

/// <summary>A place alias as the admin routes show it.</summary>
/// <param name="Name">The name, as the admin wrote it.</param>
/// <param name="Country">The ISO 3166-1 country the alias applies in (the code's first two letters).</param>
/// <param name="Code">The ISO 3166-2 subdivision it means.</param>
/// <param name="Subdivision">The subdivision's English name in the gazetteer.</param>
public sealed record PlaceAliasView(string Name, string Country, string Code, string? Subdivision);
