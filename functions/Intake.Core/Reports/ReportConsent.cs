namespace Intake.Core.Reports;

/// <summary>What the reporter agreed to.</summary>
/// <param name="FollowUp">The reporter may be contacted about the report.</param>
/// <param name="ShareWithPartners">The report, without personal data, may be shared with partners.</param>
public sealed record ReportConsent(bool FollowUp, bool ShareWithPartners);
