using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.Functions.Tests;

/// <summary>The <c>functions.metadata</c> the Worker SDK generated when it built the Functions app: what the Azure host reads.</summary>
public static class FunctionsMetadata
{
    public static JsonArray Load()
    {
        var path = RepositoryLayout.PathOf("functions", "Intake.Functions", "bin", RepositoryLayout.Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"Build the Functions app first: {path} is missing.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    /// <summary>The trigger binding of each function, by function name.</summary>
    public static Dictionary<string, JsonObject> Triggers() =>
        Load().ToDictionary(
            f => (string)f!["name"]!,
            f => f!["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal)));
}
