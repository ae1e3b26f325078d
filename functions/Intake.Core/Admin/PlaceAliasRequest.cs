namespace Intake.Core.Admin;

/// <summary>The body of <c>POST /api/admin/places/aliases</c>.</summary>
/// <param name="Name">The name as reporters write it, for example "Gharb Darfur" (any language, at most 100 characters).</param>
/// <param name="Code">The ISO 3166-2 first-level subdivision it means, for example <c>SD-DW</c>.</param>
/// <param name="From">First UTC day of receipt whose reports are re-resolved (default: 29 days before <paramref name="To"/>).</param>
/// <param name="To">Last UTC day of receipt whose reports are re-resolved (default: today).</param>
public sealed record PlaceAliasRequest(string? Name, string? Code, DateOnly? From = null, DateOnly? To = null);
