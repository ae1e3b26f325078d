namespace Intake.Core.Reports;

/// <summary>Where an incident happened: a WGS84 point and optional administrative names.</summary>
public sealed record ReportLocation(
    double Latitude,
    double Longitude,
    double? AccuracyMeters,
    string? Country,
    string? Admin1,
    string? Admin2,
    string? PlaceName);
