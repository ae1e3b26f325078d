using System.Text.Json;
using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// The analyst-editable alert rules: <c>digest/alert-rules.json</c>, embedded at build time, or a
/// file named by the <c>Digest__AlertRulesPath</c> setting. Checked when loaded, so a bad edit
/// stops the host at start instead of silently dropping alerts.
/// </summary>
public sealed record AlertRules(int Version, IReadOnlyList<AlertRule> Rules)
{
    /// <summary>Loads the rules embedded in this assembly (the repository's file).</summary>
    public static AlertRules LoadEmbedded(CategoryTaxonomy taxonomy)
    {
        using var stream = typeof(AlertRules).Assembly.GetManifestResourceStream("Intake.digest.alert-rules.json")
            ?? throw new InvalidOperationException("The alert rules resource is missing from Intake.Core.");
        return Load(stream, taxonomy);
    }

    /// <summary>Parses and checks a rules document.</summary>
    /// <exception cref="JsonException">The document is not valid, naming the bad rule.</exception>
    public static AlertRules Load(Stream json, CategoryTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var rules = JsonSerializer.Deserialize(json, AlertJsonContext.Default.AlertRules)
            ?? throw new JsonException("The alert rules document is empty.");
        var known = taxonomy.RiskFactors.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || !ids.Add(rule.Id))
            {
                throw new JsonException($"Alert rule ids must be present and unique ('{rule.Id}').");
            }

            var problem = rule.Kind switch
            {
                AlertKinds.Severity when rule.MinSeverity is not (>= 1 and <= 5) => "needs minSeverity from 1 to 5",
                AlertKinds.RiskFactor when rule.RiskFactors is not { Count: > 0 } => "needs riskFactors",
                AlertKinds.RiskFactor when rule.RiskFactors!.FirstOrDefault(r => !known.Contains(r)) is { } unknown => $"names unknown risk factor {unknown}",
                AlertKinds.Spike when rule.Factor is not > 0 || rule.MinIncidents is not >= 1 => "needs factor > 0 and minIncidents >= 1",
                AlertKinds.Severity or AlertKinds.RiskFactor or AlertKinds.Spike => null,
                _ => $"has unknown kind '{rule.Kind}'",
            };
            if (problem is not null)
            {
                throw new JsonException($"Alert rule '{rule.Id}' {problem}.");
            }
        }

        return rules;
    }
}
