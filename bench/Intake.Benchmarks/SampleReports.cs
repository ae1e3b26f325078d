using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.Benchmarks;

/// <summary>The report every benchmark operation sends or writes: the schema's example with a fresh id.</summary>
internal static class SampleReports
{
    private static readonly JsonObject Example = (JsonObject)JsonNode.Parse(
        File.ReadAllText(RepositoryLayout.PathOf("schemas", "report.schema.json")))!["examples"]![0]!;

    public static (Guid Id, byte[] Body) Next()
    {
        var id = Guid.NewGuid();
        var report = (JsonObject)Example.DeepClone();
        report["submissionId"] = id.ToString("D");
        return (id, Encoding.UTF8.GetBytes(report.ToJsonString()));
    }
}
