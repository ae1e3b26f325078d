namespace Intake.Core.Taxonomy;

/// <summary>An incident category and the UN Framework of Analysis risk factors it signals.</summary>
public sealed record IncidentCategory(
    string Code,
    string Title,
    string Description,
    IReadOnlyList<string> RiskFactors,
    string AcledEventType);
