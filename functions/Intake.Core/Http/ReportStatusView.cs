namespace Intake.Core.Http;

/// <summary>
/// What <c>GET /api/reports/{id}</c> shows: pipeline state and non-personal classification.
/// Never the narrative, the reporter or the contact.
/// </summary>
public sealed record ReportStatusView(
    Guid ReportId,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ProcessedAt,
    int Attempts,
    string? LastError,
    string? Category,
    IReadOnlyList<string>? RiskFactors,
    int? Severity,
    DateOnly? OccurredOn,
    string? Country,
    string? Admin1);
