namespace Intake.Core.Admin;

/// <summary>The answer of <c>GET /api/admin/places/unresolved</c>: unresolved names, most reported first.</summary>
/// <param name="From">First UTC day of receipt read.</param>
/// <param name="To">Last UTC day of receipt read.</param>
/// <param name="Reports">Processed reports in the window whose admin1 did not resolve.</param>
/// <param name="Items">One item per country and name (names that compare equal are one).</param>
public sealed record UnresolvedPlacesPage(DateOnly From, DateOnly To, int Reports, IReadOnlyList<UnresolvedPlace> Items);
