using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// The analyst-editable alert rules: <c>digest/alert-rules.json</c>, embedded at build time, or a
/// file named by the <c>Digest__AlertRulesPath</c> setting. Checked when loaded (and at start-up,
/// by options validation), so a bad edit stops the host naming the rule and field instead of
/// silently dropping alerts: unknown fields, kinds, levels, signals and risk factors are refused.
/// </summary>
/// <param name="Version">The rules' version, shown in each digest.</param>
/// <param name="Rules">The rules, in the order alerts are listed.</param>
/// <param name="NewAfterDays">An alert is new when its rule and area did not fire in this many days before (default <see cref="DefaultNewAfterDays"/>).</param>
/// <param name="Notes">Free text for the analysts editing the file.</param>
public sealed record AlertRules(int Version, IReadOnlyList<AlertRule> Rules, int? NewAfterDays = null, string? Notes = null)
{
    /// <summary>Default <see cref="NewAfterDays"/>.</summary>
    public const int DefaultNewAfterDays = 7;

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [AlertKinds.Severity] = ["level", "minSeverity", "minKilled", "minReports", "minSources", "flash"],
        [AlertKinds.RiskFactor] = ["level", "riskFactors", "minReports", "maxProbability", "baselineDays", "guardDays", "priorRate", "priorDays", "minSources", "flash"],
        [AlertKinds.Spike] = ["level", "signals", "minCount", "maxProbability", "baselineDays", "guardDays", "priorRate", "priorDays", "minSources", "flash"],
        [AlertKinds.Escalation] = ["level", "signals", "minCount", "maxProbability", "baselineDays", "priorRate", "priorDays", "days", "ratio", "minShift", "threshold", "minSources", "flash"],
    };

    /// <summary>Days an alert looks back to say new or ongoing.</summary>
    internal int NewAfter => NewAfterDays ?? DefaultNewAfterDays;

    /// <summary>The most occurrence days any rule looks at, the tested day included.</summary>
    internal int MaxSpan => Rules.Count == 0 ? 1 : Rules.Max(r => r.Span);

    /// <summary>Loads the rules embedded in this assembly (the repository's file).</summary>
    public static AlertRules LoadEmbedded(CategoryTaxonomy taxonomy)
    {
        using var stream = typeof(AlertRules).Assembly.GetManifestResourceStream("Intake.digest.alert-rules.json")
            ?? throw new InvalidOperationException("The alert rules resource is missing from Intake.Core.");
        return Load(stream, taxonomy);
    }

    /// <summary>Loads the rules file at <paramref name="path"/>, or the embedded rules when it is empty.</summary>
    /// <exception cref="JsonException">The document is not valid, naming the bad rule and field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AlertRules LoadConfigured(string? path, CategoryTaxonomy taxonomy)
    {
        if (string.IsNullOrEmpty(path))
        {
            return LoadEmbedded(taxonomy);
        }

        using var file = File.OpenRead(path);
        return Load(file, taxonomy);
    }

    /// <summary>Parses and checks a rules document.</summary>
    /// <exception cref="JsonException">The document is not valid, naming the bad rule and field.</exception>
    public static AlertRules Load(Stream json, CategoryTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        AlertRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize(json, AlertJsonContext.Default.AlertRules);
        }
        catch (JsonException e) when (e.Path is not null)
        {
            throw new JsonException($"The alert rules are not valid at {e.Path}: {e.Message}", e);
        }

        if (rules?.Rules is null)
        {
            throw new JsonException("The alert rules document is empty.");
        }

        if (rules.NewAfterDays is not (null or (>= 1 and <= 14)))
        {
            throw new JsonException("The alert rules' newAfterDays must be from 1 to 14.");
        }

        var known = taxonomy.RiskFactors.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || !ids.Add(rule.Id))
            {
                throw new JsonException($"Alert rule ids must be present and unique ('{rule.Id}').");
            }

            if (Problem(rule, known) is { } problem)
            {
                throw new JsonException($"Alert rule '{rule.Id}' {problem}.");
            }
        }

        return rules;
    }

    private static string? Problem(AlertRule r, HashSet<string> riskFactors)
    {
        if (!Allowed.TryGetValue(r.Kind ?? "", out var allowed))
        {
            return $"has unknown kind '{r.Kind}'";
        }

        if (Present(r).FirstOrDefault(f => !allowed.Contains(f)) is { } stray)
        {
            return $"has field '{stray}', which kind '{r.Kind}' does not take";
        }

        return r switch
        {
            { Level: not (null or AlertLevels.Area or AlertLevels.Country) } => $"has unknown level '{r.Level}'",
            { Flash: true, Level: AlertLevels.Country } => "has flash true, but only area-level rules flash",
            { Kind: AlertKinds.Severity, MinSeverity: not (>= 1 and <= 5) } => "needs minSeverity from 1 to 5",
            { Kind: AlertKinds.RiskFactor, RiskFactors: not { Count: > 0 } } => "needs riskFactors",
            { Kind: AlertKinds.RiskFactor } when r.RiskFactors!.FirstOrDefault(f => !riskFactors.Contains(f)) is { } unknown => $"names unknown risk factor {unknown}",
            { Kind: AlertKinds.Spike or AlertKinds.Escalation, Signals: not { Count: > 0 } } => "needs signals",
            { Kind: AlertKinds.Spike or AlertKinds.Escalation } when r.Signals!.FirstOrDefault(s => s is not (AlertSignals.Incidents or AlertSignals.Killed) && !riskFactors.Contains(s)) is { } unknown => $"names unknown signal '{unknown}' (incidents, killed or a risk factor code)",
            { Kind: AlertKinds.Spike, MinCount: null } or { Kind: AlertKinds.Spike, MaxProbability: null } => "needs minCount and maxProbability",
            { MaxProbability: <= 0 or >= 1 } => "needs maxProbability between 0 and 1",
            { MinKilled: < 0 } or { MinReports: < 1 } or { MinCount: < 1 } or { MinSources: < 1 } => "needs minimums of at least 1 (minKilled at least 0)",
            { BaselineDays: < 7 or > 56 } => "needs baselineDays from 7 to 56",
            { GuardDays: < 0 or > 14 } => "needs guardDays from 0 to 14",
            { PriorRate: <= 0 } or { PriorDays: < 1 } => "needs priorRate > 0 and priorDays >= 1",
            { Days: < 2 or > 14 } => "needs days from 2 to 14",
            { Ratio: <= 1 } or { MinShift: < 0 } or { Threshold: <= 0 } => "needs ratio > 1, minShift >= 0 and threshold > 0",
            _ => null,
        };
    }

    private static IEnumerable<string> Present(AlertRule r)
    {
        var fields = new (string Name, bool Set)[]
        {
            ("level", r.Level is not null), ("minSeverity", r.MinSeverity is not null), ("minKilled", r.MinKilled is not null),
            ("riskFactors", r.RiskFactors is not null), ("signals", r.Signals is not null), ("minReports", r.MinReports is not null),
            ("minCount", r.MinCount is not null), ("maxProbability", r.MaxProbability is not null), ("baselineDays", r.BaselineDays is not null),
            ("guardDays", r.GuardDays is not null), ("priorRate", r.PriorRate is not null), ("priorDays", r.PriorDays is not null),
            ("days", r.Days is not null), ("ratio", r.Ratio is not null), ("minShift", r.MinShift is not null),
            ("threshold", r.Threshold is not null), ("minSources", r.MinSources is not null), ("flash", r.Flash is not null),
        };
        return fields.Where(f => f.Set).Select(f => f.Name);
    }
}
