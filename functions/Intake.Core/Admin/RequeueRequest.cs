namespace Intake.Core.Admin;

/// <summary>Which indexed reports to process again (for example after a taxonomy change).</summary>
/// <param name="ReceivedFrom">First UTC day of receipt to look at.</param>
/// <param name="ReceivedTo">Last UTC day of receipt to look at.</param>
/// <param name="Status">Only rows with this status (default <c>processed</c>).</param>
/// <param name="Category">Only rows classified with this category code, if given.</param>
/// <param name="DryRun">Count what would be queued and queue nothing.</param>
/// <param name="Max">Queue at most this many.</param>
public sealed record RequeueRequest(
    DateOnly ReceivedFrom,
    DateOnly ReceivedTo,
    string? Status = null,
    string? Category = null,
    bool DryRun = false,
    int Max = ReprocessRequest.DefaultMax)
{
    /// <summary>The widest range of days one request may scan.</summary>
    public const int MaxDays = 366;
}
