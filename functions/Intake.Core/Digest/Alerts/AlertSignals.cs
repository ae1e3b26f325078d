namespace Intake.Core.Digest.Alerts;

/// <summary>
/// The series a rule can test, each counted per area and day of occurrence: all incidents,
/// reported killed, or the incidents whose category signals one risk factor of the taxonomy
/// (named by its code, <c>RF1</c> to <c>RF14</c>).
/// </summary>
internal static class AlertSignals
{
    /// <summary>Every incident.</summary>
    public const string Incidents = "incidents";

    /// <summary>The sum of reported killed.</summary>
    public const string Killed = "killed";
}
