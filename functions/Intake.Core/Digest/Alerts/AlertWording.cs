namespace Intake.Core.Digest.Alerts;

/// <summary>The one-sentence explanation of each kind of alert, with its numbers.</summary>
internal static class AlertWording
{
    public static string Place(AlertUnit unit) => unit.Area is null ? unit.Country : $"{unit.Area}, {unit.Country}";

    public static string Probability(double? p) => p switch
    {
        null => "not tested",
        < 0.001 => p.Value.ToString("0.0e0", CultureInfo.InvariantCulture),
        _ => p.Value.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static string SignalLabel(string signal) => signal switch
    {
        AlertSignals.Incidents => "incidents",
        AlertSignals.Killed => "killed",
        _ => $"{signal} incidents",
    };

    public static string SpikeMessage(AlertRule rule, AlertUnit unit, AlertEvidence e, int min) => Invariant(
        $"{rule.Title}: {e.Observed} {SignalLabel(e.Signal)} occurred in {Place(unit)} on {e.WindowTo:yyyy-MM-dd}, against {e.Expected:0.##} expected a day from {e.BaselineFrom:yyyy-MM-dd} to {e.BaselineTo:yyyy-MM-dd} ") + Invariant(
        $"({(e.Probability is null ? "no baseline test" : $"P(at least {e.Observed}) = {Probability(e.Probability)}, fires at {Probability(e.Threshold)} or less")}, and at least {min}); {Sources(e)}.");

    public static string EscalationMessage(AlertRule rule, AlertUnit unit, AlertEvidence e, double rate0, double rate1) => Invariant(
        $"{rule.Title}: {SignalLabel(e.Signal)} rising in {Place(unit)} since {e.WindowFrom:yyyy-MM-dd}: {e.Observed} over {(e.WindowTo.DayNumber - e.WindowFrom.DayNumber + 1)} days against {e.Expected:0.##} expected ") + Invariant(
        $"({Times(e.Observed, e.Expected)} the baseline of {rate0:0.##} a day from {e.BaselineFrom:yyyy-MM-dd} to {e.BaselineTo:yyyy-MM-dd}); CUSUM {e.Statistic:0.#} crossed {e.Threshold:0.#} (tuned to a rise to {rate1:0.##} a day), ") + Invariant(
        $"P(at least {e.Observed}) = {Probability(e.Probability)}; {Sources(e)}.");

    public static string SeverityMessage(AlertRule rule, AlertUnit unit, int reports, int killed, int sources) => Invariant(
        $"{rule.Title}: {reports} report(s) of severity {rule.MinSeverity} or more{(rule.MinKilled is > 0 ? $" with at least {rule.MinKilled} killed" : "")} received in {Place(unit)} ({killed} killed in all); {sources} source(s).");

    private static string Times(double observed, double expected) =>
        expected <= 0 ? "far above" : Invariant($"{observed / expected:0.#}x");

    private static string Sources(AlertEvidence e) => Invariant(
        $"{e.Reports} report(s) from {e.Sources} source(s) ({string.Join(", ", e.SourceTypes)})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
