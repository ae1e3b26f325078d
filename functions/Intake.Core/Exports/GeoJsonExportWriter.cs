namespace Intake.Core.Exports;

/// <summary>
/// An RFC 7946 FeatureCollection: one Feature per report, its id the report id, a Point geometry
/// with [longitude, latitude] (WGS84, no <c>crs</c> member), or a null geometry for a report
/// processed before its coordinates were indexed; every other field is a property.
/// </summary>
internal sealed class GeoJsonExportWriter(Stream output, bool includePersonal) : IExportWriter
{
    private const int FlushAt = 32 * 1024;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IReadOnlyList<ExportColumns.Column> _columns = ExportColumns.For(includePersonal);
    private readonly Utf8JsonWriter _json = new(output, Options);
    private bool _started;

    public async ValueTask WriteAsync(ExportedReport report, CancellationToken cancellationToken)
    {
        Start();
        _json.WriteStartObject();
        _json.WriteString("type", "Feature");
        _json.WriteString("id", report.Id.ToString("D"));
        if (report is { Longitude: { } lon, Latitude: { } lat })
        {
            _json.WriteStartObject("geometry");
            _json.WriteString("type", "Point");
            _json.WriteStartArray("coordinates");
            _json.WriteNumberValue(lon);
            _json.WriteNumberValue(lat);
            _json.WriteEndArray();
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteNull("geometry");
        }

        _json.WriteStartObject("properties");
        JsonExportFields.Write(_json, report, _columns);
        _json.WriteEndObject();
        _json.WriteEndObject();
        if (_json.BytesPending >= FlushAt)
        {
            await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Start();
        _json.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void Start()
    {
        if (_started)
        {
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("type", "FeatureCollection");
        _json.WriteStartArray("features");
        _started = true;
    }
}
