namespace Intake.Core.Places;

/// <summary>An alias an admin added: a name (in any language or spelling) for an ISO 3166-2 subdivision.</summary>
/// <param name="Name">The name as reporters write it, for example "Gharb Darfur".</param>
/// <param name="Code">The subdivision it means, for example <c>SD-DW</c>.</param>
public sealed record PlaceAlias(string Name, string Code);
