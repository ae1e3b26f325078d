namespace Intake.Core.Http;

/// <summary>The body of a successful submission.</summary>
/// <param name="ReportId">The report's id (its submission id).</param>
/// <param name="Status">Where the report is now.</param>
/// <param name="StatusUrl">Where to follow it.</param>
/// <param name="Duplicate">True when the same submission had already been received.</param>
internal sealed record ReportAcknowledgement(Guid ReportId, string Status, string StatusUrl, bool Duplicate);
