namespace Intake.Core.Reports;

/// <summary>
/// A validated incident report (schema v1). It holds personal data (<see cref="Narrative"/>,
/// <see cref="Reporter"/>): never log it, index it or email it.
/// </summary>
public sealed record IncidentReport(
    Guid SubmissionId,
    Occurrence OccurredAt,
    ReportLocation Location,
    string Category,
    int Severity,
    int? Killed,
    int? Injured,
    string PerpetratorType,
    IReadOnlyList<string> VictimGroups,
    string? Narrative,
    string SourceType,
    ReporterIdentity? Reporter,
    ReportConsent Consent,
    string? Language);
