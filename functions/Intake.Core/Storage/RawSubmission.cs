namespace Intake.Core.Storage;

/// <summary>What is recorded beside a raw submission blob.</summary>
/// <param name="ReportId">The blob name: the client's submission id.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes as received.</param>
/// <param name="ReceivedAt">When the blob was first written (UTC); fixes the index partition.</param>
/// <param name="Source"><c>json</c> for the JSON API, <c>webform</c> for the web form (JSON too), <c>openrosa</c> for an OpenRosa submission (XML).</param>
/// <param name="ContentLength">Size in bytes.</param>
/// <param name="SubmitterId">The id of the access token it was sent with; kept with the blob so that a re-indexed report keeps its owner.</param>
public sealed record RawSubmission(Guid ReportId, string Sha256, DateTimeOffset ReceivedAt, string Source, long ContentLength, string? SubmitterId = null)
{
    /// <summary>The campaign (its id) whose web-form link sent it; null for other submissions.</summary>
    public string? Campaign { get; init; }

    /// <summary>The UTC day of receipt, the index partition.</summary>
    public DateOnly ReceivedOn => DateOnly.FromDateTime(ReceivedAt.UtcDateTime);
}
