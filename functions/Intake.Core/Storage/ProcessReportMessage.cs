namespace Intake.Core.Storage;

/// <summary>The processing queue's message: which report, and where its index row lives.</summary>
/// <param name="ReportId">The report to process.</param>
/// <param name="ReceivedOn">The index partition of the report.</param>
/// <param name="Force">Process again even when the report is already processed.</param>
public sealed record ProcessReportMessage(Guid ReportId, DateOnly ReceivedOn, bool Force = false)
{
    /// <summary>
    /// Set when a place alias changed: the processor reads the aliases again first unless it read them
    /// at or after this time, so an instance other than the admin's does not resolve with a stale list.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AliasesAsOf { get; init; }

    /// <summary>
    /// The version (ETag) of the index row as whoever queued the report added it, <c>received</c>. On the
    /// first delivery the processor then writes its outcome without reading the row, under this ETag:
    /// if anything changed the row since (another delivery processed it), the write is refused and the
    /// report processed the ordinary way. Null: the processor reads the row first.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RowETag { get; init; }
}
