namespace Intake.Core.Http;

/// <summary>
/// What <c>GET /api/reports/{id}</c> shows: pipeline state and non-personal classification.
/// Never the narrative, the reporter or the contact.
/// </summary>
internal sealed record ReportStatusView(
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
    string? Admin1)
{
    /// <summary>How the report arrived: <c>json</c> or <c>openrosa</c>.</summary>
    public string? Source { get; init; }

    /// <summary>For <c>needs-review</c>: why the submission is not a valid report (field and rule, never a value).</summary>
    public IReadOnlyList<string>? ReviewReasons { get; init; }

    /// <summary>Where the report is, resolved against the gazetteer when it was processed; null before.</summary>
    public ReportPlaceView? Place { get; init; }

    /// <summary>The last processing attempts, oldest first (at most 10): when, how each ended and why it failed; no personal data.</summary>
    public IReadOnlyList<Intake.Core.Storage.ProcessingAttempt> History { get; init; } = [];

    /// <summary>For admins only (null for submitters): the report's attachments, by file name.</summary>
    public IReadOnlyList<ReportAttachmentView>? Attachments { get; init; }
}
