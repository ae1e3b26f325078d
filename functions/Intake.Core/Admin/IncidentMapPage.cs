namespace Intake.Core.Admin;

/// <summary>The answer of <c>GET /api/admin/incidents</c>.</summary>
/// <param name="From">First UTC day of receipt read.</param>
/// <param name="To">Last UTC day of receipt read.</param>
/// <param name="Max">The most items the answer may hold.</param>
/// <param name="Truncated">True when more reports were processed than <paramref name="Max"/>: the oldest days were left out.</param>
/// <param name="Items">By day of receipt, newest first.</param>
public sealed record IncidentMapPage(DateOnly From, DateOnly To, int Max, bool Truncated, IReadOnlyList<IncidentPoint> Items)
{
    /// <summary>How many items the answer holds.</summary>
    public int Count => Items.Count;
}
