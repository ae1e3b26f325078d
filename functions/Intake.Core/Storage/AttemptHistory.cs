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
/// written without reading its row, so that success is not added (its status says it).
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
