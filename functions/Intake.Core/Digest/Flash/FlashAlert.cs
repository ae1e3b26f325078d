namespace Intake.Core.Digest.Flash;

/// <summary>
/// The JSON body of one flash delivery (<c>"schema": "intake-flash/1"</c>). Only non-personal
/// facts: never the narrative, the reporter or a contact.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaId"/>.</param>
/// <param name="DeliveryId">This delivery's id, also the <c>Intake-Delivery</c> header: receivers drop a repeated one.</param>
/// <param name="FlashId">The flash (one per area, rule and window); the same for every receiver.</param>
/// <param name="Rule"><c>mass-casualty</c> or <c>humanitarian-attack</c>.</param>
/// <param name="Title">The rule in words.</param>
/// <param name="Region">ISO country code, or <c>unknown</c>.</param>
/// <param name="Area">The area (admin1) within the country.</param>
/// <param name="ReportId">The report that raised it.</param>
/// <param name="Category">Its category code.</param>
/// <param name="RiskFactors">The risk factors the category signals.</param>
/// <param name="Severity">1 to 5.</param>
/// <param name="Killed">Reported killed.</param>
/// <param name="Injured">Reported injured.</param>
/// <param name="OccurredOn">The UTC day it occurred.</param>
/// <param name="SourceType">How the reporter knows (eyewitness, media, ...).</param>
/// <param name="RaisedAt">When the processor raised the flash (UTC).</param>
public sealed record FlashAlert(
    string Schema,
    Guid DeliveryId,
    Guid FlashId,
    string Rule,
    string Title,
    string Region,
    string Area,
    Guid ReportId,
    string Category,
    IReadOnlyList<string> RiskFactors,
    int Severity,
    int Killed,
    int Injured,
    DateOnly OccurredOn,
    string SourceType,
    DateTimeOffset RaisedAt)
{
    /// <summary>The schema id of this shape; fields are only added under it.</summary>
    public const string SchemaId = "intake-flash/1";
}
