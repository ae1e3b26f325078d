namespace Intake.Core.Admin;

/// <summary>
/// Which poison messages to move back to the processing queue. No report ids and no dates means all.
/// </summary>
/// <param name="ReportIds">Only these reports, if given.</param>
/// <param name="ReceivedFrom">Only reports received on or after this UTC day, if given.</param>
/// <param name="ReceivedTo">Only reports received on or before this UTC day, if given.</param>
/// <param name="DryRun">Count what would move and move nothing.</param>
/// <param name="Max">Move at most this many.</param>
public sealed record ReprocessRequest(
    IReadOnlyList<Guid>? ReportIds = null,
    DateOnly? ReceivedFrom = null,
    DateOnly? ReceivedTo = null,
    bool DryRun = false,
    int Max = ReprocessRequest.DefaultMax)
{
    /// <summary>The default and upper bound of <see cref="Max"/>.</summary>
    public const int DefaultMax = 1000;
}
