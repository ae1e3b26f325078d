namespace Intake.Core.Digest.Flash;

/// <summary>
/// The JSON body of one flash delivery. Only non-personal facts: never the narrative, the
/// reporter or a contact. Two shapes, told apart by <see cref="Schema"/>:
/// <list type="bullet">
/// <item><see cref="SchemaId"/> (<c>intake-flash/1</c>): one report raised it; every report field is set;</item>
/// <item><see cref="AreaSchemaId"/> (<c>intake-area-flash/1</c>): a new area-level alert of the
/// digest's rules raised it, seen by the intraday sweep; <see cref="Alert"/> explains it (test,
/// numbers, sources, report ids) and the per-report fields are absent.</item>
/// </list>
/// Fields are only added under each schema id.
/// </summary>
/// <param name="Schema"><see cref="SchemaId"/> or <see cref="AreaSchemaId"/>.</param>
/// <param name="DeliveryId">This delivery's id, also the <c>Intake-Delivery</c> header: receivers drop a repeated one.</param>
/// <param name="FlashId">The flash (one per area, rule and window); the same for every receiver.</param>
/// <param name="Rule"><c>mass-casualty</c>, <c>humanitarian-attack</c>, or the id of an area-level alert rule.</param>
/// <param name="Title">The rule in words.</param>
/// <param name="Region">ISO country code, or <c>unknown</c>.</param>
/// <param name="Area">The area within the country: its ISO 3166-2 code when the place resolved, else the admin1 as reported.</param>
/// <param name="ReportId">The report that raised it (report flashes).</param>
/// <param name="Category">Its category code (report flashes).</param>
/// <param name="RiskFactors">The risk factors the category signals (report flashes).</param>
/// <param name="Severity">1 to 5 (report flashes).</param>
/// <param name="Killed">Reported killed (report flashes).</param>
/// <param name="Injured">Reported injured (report flashes).</param>
/// <param name="OccurredOn">The UTC day it occurred (report flashes).</param>
/// <param name="SourceType">How the reporter knows (eyewitness, media, ...) (report flashes).</param>
/// <param name="RaisedAt">When the flash was raised (UTC).</param>
/// <param name="AreaName">The area's English name when <paramref name="Area"/> is an ISO 3166-2 code.</param>
/// <param name="Alert">The area-level alert, as the digest would show it (area flashes).</param>
/// <param name="AlsoNew">The other rules newly alerting in the same area at the same time, not flashed apart (area flashes).</param>
public sealed record FlashAlert(
    string Schema,
    Guid DeliveryId,
    Guid FlashId,
    string Rule,
    string Title,
    string Region,
    string Area,
    Guid? ReportId,
    string? Category,
    IReadOnlyList<string>? RiskFactors,
    int? Severity,
    int? Killed,
    int? Injured,
    DateOnly? OccurredOn,
    string? SourceType,
    DateTimeOffset RaisedAt,
    string? AreaName = null,
    DigestAlert? Alert = null,
    IReadOnlyList<string>? AlsoNew = null)
{
    /// <summary>The schema id of a flash raised by one report.</summary>
    public const string SchemaId = "intake-flash/1";

    /// <summary>The schema id of a flash raised by a new area-level alert.</summary>
    public const string AreaSchemaId = "intake-area-flash/1";

    /// <summary>Where, in words: <c>West Darfur (SD-DW), SD</c>, or <c>Area, CC</c> without a name.</summary>
    internal string Place(string? name = null) => (name ?? AreaName) is { } n ? $"{n} ({Area}), {Region}" : $"{Area}, {Region}";
}
