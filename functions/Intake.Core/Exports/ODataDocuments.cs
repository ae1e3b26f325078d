namespace Intake.Core.Exports;

/// <summary>
/// The OData v4 documents BI tools read: the service document, the CSDL metadata (one entity set,
/// <c>Reports</c>, with the export's non-personal fields) and a page of entities.
/// </summary>
internal static class ODataDocuments
{
    /// <summary>The namespace of the entity type.</summary>
    public const string Namespace = "Intake";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The service document: where the entity set is.</summary>
    public static byte[] Service(string serviceRoot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", serviceRoot + "$metadata");
            json.WriteStartArray("value");
            json.WriteStartObject();
            json.WriteString("name", "Reports");
            json.WriteString("kind", "EntitySet");
            json.WriteString("url", "Reports");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The CSDL XML of the entity set.</summary>
    public static byte[] Metadata()
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string Edmx = "http://docs.oasis-open.org/odata/ns/edmx";
            const string Edm = "http://docs.oasis-open.org/odata/ns/edm";
            xml.WriteStartElement("edmx", "Edmx", Edmx);
            xml.WriteAttributeString("Version", "4.0");
            xml.WriteStartElement("edmx", "DataServices", Edmx);
            xml.WriteStartElement("Schema", Edm);
            xml.WriteAttributeString("Namespace", Namespace);
            xml.WriteStartElement("EntityType", Edm);
            xml.WriteAttributeString("Name", "Report");
            xml.WriteStartElement("Key", Edm);
            xml.WriteStartElement("PropertyRef", Edm);
            xml.WriteAttributeString("Name", "id");
            xml.WriteEndElement();
            xml.WriteEndElement();
            foreach (var column in ExportColumns.Standard)
            {
                xml.WriteStartElement("Property", Edm);
                xml.WriteAttributeString("Name", column.Name);
                xml.WriteAttributeString("Type", column.EdmType);
                if (column.Name is "id" or "receivedAt" or "status" or "source")
                {
                    xml.WriteAttributeString("Nullable", "false");
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteStartElement("EntityContainer", Edm);
            xml.WriteAttributeString("Name", "Container");
            xml.WriteStartElement("EntitySet", Edm);
            xml.WriteAttributeString("Name", "Reports");
            xml.WriteAttributeString("EntityType", Namespace + ".Report");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>One page of the entity set.</summary>
    public static byte[] Page(string serviceRoot, IReadOnlyList<ExportedReport> rows, string? nextLink)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", serviceRoot + "$metadata#Reports");
            json.WriteStartArray("value");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                JsonExportFields.Write(json, row, ExportColumns.Standard);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (nextLink is not null)
            {
                json.WriteString("@odata.nextLink", nextLink);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
