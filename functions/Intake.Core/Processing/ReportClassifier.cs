using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Taxonomy;

namespace Intake.Core.Processing;

/// <summary>
/// Normalises a report and classifies it: category to UN Framework of Analysis risk factors.
/// Pure: the same report and taxonomy always give the same classification.
/// </summary>
public sealed class ReportClassifier(CategoryTaxonomy taxonomy)
{
    /// <summary>Classifies a valid report.</summary>
    /// <exception cref="ReportProcessingException">The category is not in the current taxonomy.</exception>
    public ReportClassification Classify(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var category = taxonomy.Find(report.Category)
            ?? throw new ReportProcessingException($"Category '{report.Category}' is not in taxonomy version {taxonomy.Version}.");
        return new ReportClassification(
            category.Code,
            category.RiskFactors,
            report.Severity,
            report.OccurredAt.Day,
            report.OccurredAt.Precision,
            report.Location.Country,
            Normalise(report.Location.Admin1),
            report.Killed,
            report.Injured,
            report.SourceType,
            report.PerpetratorType)
        {
            Facts = new ReportFacts(
                report.OccurredAt.Value,
                report.OccurredAt.IsDateOnly,
                report.Location.Latitude,
                report.Location.Longitude,
                report.Location.AccuracyMeters,
                report.Location.Admin2,
                report.Location.PlaceName,
                report.VictimGroups,
                report.Language,
                report.Consent.ShareWithPartners),
        };
    }

    /// <summary>Trims and collapses inner white space, so "North  Darfur " and "North Darfur" count together.</summary>
    private static string? Normalise(string? name) =>
        name is null ? null : string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
