namespace Intake.Core.Digest.Tally;

/// <summary>
/// One report as an area cell lists it, so that an alert can name its reports and count its
/// independent sources. Only non-personal facts: the submitter is an opaque token id.
/// </summary>
/// <param name="ReportId">The report.</param>
/// <param name="Category">Category code.</param>
/// <param name="Severity">1 to 5.</param>
/// <param name="Killed">Reported killed.</param>
/// <param name="SourceType">How the reporter knows.</param>
/// <param name="SubmitterId">The access token id it came with; null when none.</param>
/// <param name="SharedWithPartners">The reporter consented to sharing it with partners (<see cref="TalliedReport.SharedWithPartners"/>).</param>
public sealed record TallyEntry(Guid ReportId, string Category, int Severity, int Killed, string SourceType, string? SubmitterId, bool SharedWithPartners = false)
{
    /// <summary>The entry of a tallied report.</summary>
    public static TallyEntry Of(TalliedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new TallyEntry(report.ReportId, report.Category, report.Severity, report.Killed, report.SourceType, report.SubmitterId, report.SharedWithPartners);
    }

    /// <summary>Most severe first, then most killed, then by id: a total order, so a capped list keeps the same entries whatever the processing order.</summary>
    public static Comparison<TallyEntry> ByWeight { get; } = (a, b) =>
    {
        var c = b.Severity.CompareTo(a.Severity);
        c = c != 0 ? c : b.Killed.CompareTo(a.Killed);
        return c != 0 ? c : a.ReportId.CompareTo(b.ReportId);
    };
}
