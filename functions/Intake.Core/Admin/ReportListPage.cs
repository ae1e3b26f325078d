namespace Intake.Core.Admin;

/// <summary>The answer of <c>GET /api/admin/reports</c>.</summary>
/// <param name="From">First UTC day of receipt read.</param>
/// <param name="To">Last UTC day of receipt read.</param>
/// <param name="Statuses">The statuses listed.</param>
/// <param name="Max">The most items the answer may hold.</param>
/// <param name="Truncated">True when more rows matched than <paramref name="Max"/>: the oldest were left out.</param>
/// <param name="Items">Newest first: by day of receipt descending, then by time of receipt descending.</param>
public sealed record ReportListPage(DateOnly From, DateOnly To, IReadOnlyList<string> Statuses, int Max, bool Truncated, IReadOnlyList<ReportListItem> Items)
{
    /// <summary>How many items the answer holds.</summary>
    public int Count => Items.Count;
}
