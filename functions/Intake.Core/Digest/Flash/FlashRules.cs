using Intake.Core.Digest.Tally;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// The per-report flash rules, evaluated in memory on the facts the processor already has: a
/// report that triggers nothing costs no storage call.
/// </summary>
internal static class FlashRules
{
    /// <summary>A report of severity 5 with at least 10 killed (by default).</summary>
    public const string MassCasualty = "mass-casualty";

    /// <summary>An attack on humanitarian or peacekeeping personnel (a category signalling RF14, by default).</summary>
    public const string HumanitarianAttack = "humanitarian-attack";

    /// <summary>The rules <paramref name="report"/> triggers, with their titles; empty for almost every report.</summary>
    public static IReadOnlyList<(string Rule, string Title)> Match(TalliedReport report, FlashOptions options)
    {
        if (!options.Enabled)
        {
            return [];
        }

        var matched = new List<(string, string)>(2);
        if (report.Severity >= options.MinSeverity && report.Killed >= options.MinKilled)
        {
            matched.Add((MassCasualty, $"Severity {report.Severity} incident with {report.Killed} killed"));
        }

        if (report.RiskFactors.Contains(options.RiskFactor, StringComparer.Ordinal))
        {
            matched.Add((HumanitarianAttack, "Attack on humanitarian or peacekeeping personnel"));
        }

        return matched;
    }
}
