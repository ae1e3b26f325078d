using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// One report as <c>GET /api/admin/reports</c> lists it: what its index row says, never its
/// content (narrative, reporter, contact live only in the raw submission).
/// </summary>
/// <param name="ReportId">The report (submission) id.</param>
/// <param name="ReceivedOn">The UTC day of receipt.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Status">One of <see cref="ReportStatus"/>.</param>
/// <param name="Attempts">Processing attempts so far.</param>
/// <param name="LastError">The last processing error (without personal data); null when the last attempt did not fail.</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> was recorded.</param>
/// <param name="ReviewReasons">Why the report needs review (<c>needs-review</c>); empty otherwise.</param>
/// <param name="Category">The category code, when the report was classified before (e.g. requeued, then failed).</param>
/// <param name="Source">How it arrived: <c>json</c> or <c>openrosa</c>.</param>
/// <param name="SubmitterId">The id (never the secret) of the token that submitted it.</param>
public sealed record ReportListItem(
    Guid ReportId,
    DateOnly ReceivedOn,
    DateTimeOffset ReceivedAt,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    IReadOnlyList<string> ReviewReasons,
    string? Category,
    string Source,
    string? SubmitterId)
{
    /// <summary>The item of an index row.</summary>
    public static ReportListItem Of(ReportIndexEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReportListItem(
            row.ReportId,
            row.ReceivedOn,
            row.ReceivedAt,
            row.Status,
            row.Attempts,
            row.LastError,
            // A settled or processed row clears its error but keeps the time of it.
            row.LastError is null ? null : row.LastErrorAt,
            row.ReviewReasons,
            row.Classification?.Category,
            row.Source,
            row.SubmitterId);
    }
}
