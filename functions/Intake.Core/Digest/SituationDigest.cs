namespace Intake.Core.Digest;

/// <summary>
/// The situation digest of one UTC day: what was received (new) and what occurred (happening),
/// per region, with alerts. Deterministic: compiled from the same reports it serialises to the
/// same bytes; compile time and live queue lengths are in <see cref="DigestCompileRecord"/> beside it.
/// Documented in docs/DIGEST.md; <see cref="Schema"/> changes when the shape does.
/// </summary>
/// <param name="Schema">The shape's version, <c>intake-digest/1</c>.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="Quiet">Nothing was received, nothing occurred and no alert fired.</param>
/// <param name="Headline">One sentence for the top of the message.</param>
/// <param name="Totals">All regions together, by receipt.</param>
/// <param name="Pipeline">Reports received on the day, by where they are in the pipeline.</param>
/// <param name="Alerts">Alerts, in rule order then region.</param>
/// <param name="Regions">Regions with reports received or incidents occurring on the day, by code.</param>
/// <param name="AlertRulesVersion">Version of the alert rules applied.</param>
/// <param name="TaxonomyVersion">Version of the category taxonomy applied.</param>
public sealed record SituationDigest(
    string Schema,
    DateOnly Day,
    bool Quiet,
    string Headline,
    ReceivedCounts Totals,
    PipelineHealth Pipeline,
    IReadOnlyList<DigestAlert> Alerts,
    IReadOnlyList<RegionDigest> Regions,
    int AlertRulesVersion,
    int TaxonomyVersion)
{
    /// <summary>The current shape.</summary>
    public const string CurrentSchema = "intake-digest/1";
}
