using System.Text.Json.Nodes;

namespace Intake.Core.Tests.Support;

/// <summary>Report bodies for tests, built from the schema's own example.</summary>
public static class SampleReports
{
    private static readonly JsonObject Example = LoadExample();

    /// <summary>A valid report (the schema example) with a fresh submission id, as a mutable JSON object.</summary>
    public static JsonObject Valid(Guid? submissionId = null)
    {
        var report = (JsonObject)Example.DeepClone();
        report["submissionId"] = (submissionId ?? Guid.NewGuid()).ToString("D");
        return report;
    }

    /// <summary>UTF-8 bytes of a JSON node.</summary>
    public static byte[] Bytes(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

    private static JsonObject LoadExample()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Intake.Testing.RepositoryLayout.PathOf("schemas", "report.schema.json")))!;
        return (JsonObject)schema["examples"]![0]!;
    }
}
