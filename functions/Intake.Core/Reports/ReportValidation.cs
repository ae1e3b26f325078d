namespace Intake.Core.Reports;

/// <summary>The outcome of reading a report: the report, or every field error found.</summary>
public sealed record ReportValidation(IncidentReport? Report, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True when the report is valid.</summary>
    public bool IsValid => Report is not null && Errors.Count == 0;
}
