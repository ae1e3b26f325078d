namespace Intake.Core.Exports;

/// <summary>The formats an export is written in.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV, one row per report, multi-valued fields joined by <c>;</c>.</summary>
    Csv,

    /// <summary>An RFC 7946 GeoJSON FeatureCollection: one Point feature per report, coordinates lon/lat.</summary>
    GeoJson,

    /// <summary>Newline-delimited JSON: one object per line, for pipelines.</summary>
    NdJson,
}
