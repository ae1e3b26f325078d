using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// One processed report as the console's map shows it: what the index keeps, never its content
/// (narrative, reporter and contact live only in the raw submission).
/// </summary>
/// <param name="ReportId">The report id.</param>
/// <param name="ReceivedOn">The UTC day of receipt.</param>
/// <param name="OccurredOn">The day it happened.</param>
/// <param name="Category">The category code.</param>
/// <param name="Severity">1 (lowest) to 5.</param>
/// <param name="Killed">People killed, when stated.</param>
/// <param name="Injured">People injured, when stated.</param>
/// <param name="Country">The ISO 3166-1 country, resolved or as stated.</param>
/// <param name="AreaCode">The code areas are counted by (the subdivision, else the country).</param>
/// <param name="AreaName">The subdivision's English name, or the admin1 as given.</param>
/// <param name="Latitude">Rounded to about a kilometre; null for reports processed before points were kept.</param>
/// <param name="Longitude">Rounded like <paramref name="Latitude"/>.</param>
public sealed record IncidentPoint(
    Guid ReportId,
    DateOnly ReceivedOn,
    DateOnly OccurredOn,
    string Category,
    int Severity,
    int? Killed,
    int? Injured,
    string? Country,
    string? AreaCode,
    string? AreaName,
    double? Latitude,
    double? Longitude)
{
    /// <summary>The point of a processed index row; null for a row without classification.</summary>
    public static IncidentPoint? Of(ReportIndexEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Classification is not { } c
            ? null
            : new IncidentPoint(
                row.ReportId,
                row.ReceivedOn,
                c.OccurredOn,
                c.Category,
                c.Severity,
                c.Killed,
                c.Injured,
                c.Place?.Country ?? c.Country,
                c.Place?.AreaCode ?? c.Country,
                c.Place?.Admin1Name ?? c.Admin1,
                // The index keeps the point as reported (exports need it); the map never shows more than a kilometre's precision.
                c.Latitude is { } latitude ? Math.Round(latitude, ReportClassification.PointDecimals) : null,
                c.Longitude is { } longitude ? Math.Round(longitude, ReportClassification.PointDecimals) : null);
    }
}
