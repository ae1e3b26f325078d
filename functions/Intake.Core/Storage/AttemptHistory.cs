namespace Intake.Core.Storage;

/// <summary>One processing attempt as kept on the index row: no personal data, only when, how it ended and why.</summary>
/// <param name="Attempt">The attempt's number (the message's delivery count).</param>
/// <param name="At">When it ended.</param>
/// <param name="Outcome"><c>processed</c>, <c>failed</c>, <c>needs-review</c> or <c>encrypted</c>.</param>
/// <param name="Error">Why it failed (the same text as the row's last error); null otherwise.</param>
public sealed record ProcessingAttempt(int Attempt, DateTimeOffset At, string Outcome, string? Error);

/// <summary>
/// The last <see cref="Kept"/> processing attempts of a report, as one JSON column of its index row.
/// Written in the same merge that records the attempt, from the row the processor read before the
/// attempt: no extra storage call. A report processed on its first delivery of a batch message is
/// written without reading its row, so that success is not stored in the column;
/// <see cref="Shown"/> adds it from the row's own status, attempt count and <c>ProcessedAt</c>.
/// </summary>
public static class AttemptHistory
{
    /// <summary>How many attempts a row keeps.</summary>
    public const int Kept = 10;

    /// <summary>The column's name.</summary>
    public const string Column = "AttemptHistory";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The column's value: <paramref name="previous"/> and <paramref name="next"/>, the last <see cref="Kept"/>.</summary>
    public static string Write(IReadOnlyList<ProcessingAttempt> previous, ProcessingAttempt next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return JsonSerializer.Serialize(previous.Append(next).TakeLast(Kept).ToArray(), Json);
    }

    /// <summary>
    /// The attempts of <paramref name="row"/> as a reader should see them, oldest first: the stored
    /// ones, and the success that settled a processed row when the column does not hold it (the
    /// first delivery of a batch message writes the row without reading it, so without its history).
    /// </summary>
    public static IReadOnlyList<ProcessingAttempt> Shown(ReportIndexEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // The stored success and the row's ProcessedAt are one instant written twice; the table may
        // keep the column's time at a coarser precision than the JSON, so they are matched within a second.
        if (row.Status != ReportStatus.Processed || row.ProcessedAt is not { } processedAt
            || (row.History.Count > 0 && row.History[^1].Outcome == ReportStatus.Processed && (row.History[^1].At - processedAt).Duration() < TimeSpan.FromSeconds(1)))
        {
            return row.History;
        }

        return [.. row.History.Append(new ProcessingAttempt(Math.Max(row.Attempts, 1), processedAt, ReportStatus.Processed, null)).TakeLast(Kept)];
    }

    /// <summary>The attempts in a column's value, oldest first; none when it is empty or unreadable.</summary>
    public static IReadOnlyList<ProcessingAttempt> Read(string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<ProcessingAttempt[]>(column, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
