namespace Intake.Core.Reports;

/// <summary>When an incident happened, as precisely as the reporter knows it.</summary>
/// <param name="Value">The instant, or midnight UTC of the date when only a date was given.</param>
/// <param name="IsDateOnly">True when the report gave a calendar date without a time.</param>
/// <param name="Precision">One of <see cref="ReportVocabulary.Precisions"/>.</param>
public sealed record Occurrence(DateTimeOffset Value, bool IsDateOnly, string Precision)
{
    /// <summary>The UTC calendar day the incident is counted on.</summary>
    public DateOnly Day => DateOnly.FromDateTime(IsDateOnly ? Value.DateTime : Value.UtcDateTime);
}
