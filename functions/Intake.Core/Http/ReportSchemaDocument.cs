namespace Intake.Core.Http;

/// <summary>The JSON Schema of the report (<c>schemas/report.schema.json</c>, embedded at build time).</summary>
public sealed class ReportSchemaDocument
{
    /// <summary>Loads the embedded schema.</summary>
    public ReportSchemaDocument()
    {
        using var stream = typeof(ReportSchemaDocument).Assembly.GetManifestResourceStream("Intake.schemas.report.schema.json")
            ?? throw new InvalidOperationException("The report schema resource is missing from Intake.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Utf8 = copy.ToArray();
    }

    /// <summary>The schema as UTF-8 JSON bytes.</summary>
    public byte[] Utf8 { get; }
}
