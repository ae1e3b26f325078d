using Intake.Core.Digest.Alerts;

namespace Intake.Core.Digest;

/// <summary>An alert: which rule fired, where, whether it is news, and on what numbers.</summary>
/// <param name="Rule">The rule id in the alert rules file.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="Region">The country it fired for.</param>
/// <param name="Message">The alert in one sentence, with its numbers.</param>
/// <param name="Numbers">The numbers it fired on, by name (for example <c>observed</c>, <c>expected</c>, <c>probability</c>).</param>
/// <param name="Area">The area within the country; null for a rule tested on the country as a whole.</param>
/// <param name="Status"><see cref="AlertStatuses.New"/> or <see cref="AlertStatuses.Ongoing"/>.</param>
/// <param name="Days">Days the alert has held, the digest day included (1 when new).</param>
/// <param name="Since">The first day of those (the digest day when new).</param>
/// <param name="Evidence">The explanation: series, test, window, sources, reports, 28-day series.</param>
/// <param name="AreaName">The area's name (English) when <paramref name="Area"/> is an ISO 3166-2 code.</param>
public sealed record DigestAlert(
    string Rule,
    string Kind,
    string Region,
    string Message,
    SortedDictionary<string, double> Numbers,
    string? Area = null,
    string Status = AlertStatuses.New,
    int Days = 1,
    DateOnly? Since = null,
    AlertEvidence? Evidence = null,
    string? AreaName = null)
{
    /// <summary>Where it fired, in words: <c>West Darfur (SD-DW), SD</c>, <c>Area, CC</c> or <c>CC</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Place => Area is null ? Region : AreaName is null ? $"{Area}, {Region}" : $"{AreaName} ({Area}), {Region}";
}
