namespace Intake.Core.Exports;

/// <summary>The personal fields of a report, read from its raw submission for admin exports that ask for them.</summary>
/// <param name="Narrative">The narrative.</param>
/// <param name="ReporterId">The reporter's pseudonymous id.</param>
/// <param name="ReporterContact">The reporter's contact.</param>
public sealed record PersonalFields(string? Narrative, string? ReporterId, string? ReporterContact);
