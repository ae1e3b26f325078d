using Intake.Core.Storage;

namespace Intake.Core.Digest.Tally;

/// <summary>
/// What the daily tally counts of one processed report. Only non-personal facts: the narrative,
/// reporter id and contact never reach the tally, so no digest can show them.
/// </summary>
/// <param name="ReportId">The report (not the reporter).</param>
/// <param name="OccurredOn">The UTC day the incident occurred.</param>
/// <param name="OccurredAtPrecision">How precise the reported time is.</param>
/// <param name="Country">ISO country code, or <c>unknown</c>.</param>
/// <param name="Admin1">First-level area, or <c>unknown</c>.</param>
/// <param name="Category">Category code.</param>
/// <param name="RiskFactors">Risk factors the category signals.</param>
/// <param name="Severity">1 to 5.</param>
/// <param name="Killed">Reported killed (0 when not given).</param>
/// <param name="Injured">Reported injured (0 when not given).</param>
/// <param name="SourceType">How the reporter knows.</param>
/// <param name="SubmitterId">The id (an opaque token id, never the secret) of the access token the report came with; null when none.</param>
/// <param name="SharedWithPartners">
/// The reporter consented to sharing the report, without personal data, with partners: only then may
/// it appear on its own (a notable incident, a flash, a report id) in anything sent to a partner.
/// False for reports tallied before consent was recorded: not shared, as the exports decide too.
/// </param>
public sealed record TalliedReport(
    Guid ReportId,
    DateOnly OccurredOn,
    string OccurredAtPrecision,
    string Country,
    string Admin1,
    string Category,
    IReadOnlyList<string> RiskFactors,
    int Severity,
    int Killed,
    int Injured,
    string SourceType,
    string? SubmitterId = null,
    bool SharedWithPartners = false)
{
    /// <summary>The name used for a missing country or area.</summary>
    public const string Unknown = "unknown";

    /// <summary>The tallied facts of a classification.</summary>
    public static TalliedReport From(Guid reportId, ReportClassification classification, string? submitterId = null)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return new TalliedReport(
            reportId,
            classification.OccurredOn,
            classification.OccurredAtPrecision,
            CountryOf(classification),
            AreaOf(classification),
            classification.Category,
            [.. classification.RiskFactors.Order(StringComparer.Ordinal)],
            classification.Severity,
            Math.Max(0, classification.Killed ?? 0),
            Math.Max(0, classification.Injured ?? 0),
            classification.SourceType,
            string.IsNullOrWhiteSpace(submitterId) ? null : submitterId,
            classification.Facts?.ShareWithPartners == true);
    }

    /// <summary>
    /// The area the report is counted in within its country: the one seam that says what an area
    /// is. The resolved ISO 3166-2 code when the place resolved (see <see cref="From"/>), else the
    /// admin1 as reported.
    /// </summary>
    [JsonIgnore]
    public string Area => Admin1;

    /// <summary>The resolved country (stated, or taken from the coordinates), else the stated one.</summary>
    private static string CountryOf(ReportClassification classification) =>
        classification.Place?.Country is { Length: > 0 } resolved ? resolved
        : string.IsNullOrWhiteSpace(classification.Country) ? Unknown : classification.Country.ToUpperInvariant();

    /// <summary>
    /// The ISO 3166-2 code the place resolved to, so that "West Darfur", "W. Darfur" and "غرب دارفور"
    /// count as one area; an unresolved name is counted as given (flagged on the index row), never dropped.
    /// </summary>
    private static string AreaOf(ReportClassification classification) =>
        classification.Place?.Admin1Code is { Length: > 0 } code ? code
        : string.IsNullOrWhiteSpace(classification.Admin1) ? Unknown : classification.Admin1.Trim();

    /// <summary>Whether the report belongs among the notable incidents of a digest.</summary>
    public bool IsNotable => Severity >= 4 || Killed > 0 || Injured > 0;

    /// <summary>The occurrence day as the tally's row keys write it.</summary>
    public string OccurredKey => OccurredOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
