namespace Intake.Core.Exports;

/// <summary>Writes a report's fields as JSON properties (NDJSON lines, GeoJSON properties, OData entities); absent values are written as null, personal fields only when included.</summary>
internal static class JsonExportFields
{
    public static void Write(Utf8JsonWriter json, ExportedReport report, IReadOnlyList<ExportColumns.Column> columns)
    {
        foreach (var column in columns)
        {
            json.WritePropertyName(column.Name);
            switch (column.Read(report))
            {
                case null: json.WriteNullValue(); break;
                case string s: json.WriteStringValue(s); break;
                case Guid g: json.WriteStringValue(g.ToString("D")); break;
                case DateTimeOffset t: json.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); break;
                case double d: json.WriteNumberValue(d); break;
                case int i: json.WriteNumberValue(i); break;
                case IReadOnlyList<string> list:
                    json.WriteStartArray();
                    foreach (var item in list)
                    {
                        json.WriteStringValue(item);
                    }

                    json.WriteEndArray();
                    break;
                case var other: json.WriteStringValue(ExportColumns.Text(other)); break;
            }
        }
    }
}
