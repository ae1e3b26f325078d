namespace Intake.Core.Exports;

/// <summary>Which reports an export or feed reads: days of receipt (inclusive), then optional filters.</summary>
/// <param name="From">First UTC day of receipt.</param>
/// <param name="To">Last UTC day of receipt.</param>
/// <param name="Country">ISO 3166-1 code, as stated or as resolved; null for any.</param>
/// <param name="Admin1">First-level area: its name as stated or its ISO 3166-2 code; null for any.</param>
/// <param name="Category">Category code; null for any.</param>
/// <param name="Statuses">Index statuses (default: processed).</param>
public sealed record ExportSelection(DateOnly From, DateOnly To, string? Country, string? Admin1, string? Category, IReadOnlyList<string> Statuses)
{
    /// <summary>Exact lower bound on the receipt time (inclusive), finer than <see cref="From"/>; null for none.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>Exact upper bound on the receipt time (exclusive), finer than <see cref="To"/>; null for none.</summary>
    public DateTimeOffset? ReceivedBefore { get; init; }
}
