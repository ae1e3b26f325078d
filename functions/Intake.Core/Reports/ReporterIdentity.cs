namespace Intake.Core.Reports;

/// <summary>Who sent a report: a pseudonymous id and, with consent, a contact (personal data).</summary>
public sealed record ReporterIdentity(string? Id, string? Contact);
