namespace Intake.Core.Admin;

/// <summary>What adding or removing a place alias did: the alias, and the reports queued to be resolved again.</summary>
/// <param name="Alias">The alias added or removed.</param>
/// <param name="From">First UTC day of receipt searched for affected reports.</param>
/// <param name="To">Last UTC day of receipt searched.</param>
/// <param name="Scanned">Processed index rows looked at.</param>
/// <param name="Queued">Reports queued for a forced reprocess (their area moves once each).</param>
/// <param name="Truncated">True when more reports were affected than one call queues; the same call again queues the rest.</param>
/// <param name="ReportIds">The reports queued.</param>
public sealed record PlaceAliasChange(PlaceAliasView Alias, DateOnly From, DateOnly To, int Scanned, int Queued, bool Truncated, IReadOnlyList<Guid> ReportIds);
