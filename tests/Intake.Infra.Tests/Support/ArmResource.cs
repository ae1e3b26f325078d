using System.Text.Json.Nodes;

namespace Intake.Infra.Tests.Support;

/// <summary>One resource of a compiled ARM template, with the (possibly nested) template that declares it.</summary>
public sealed record ArmResource(JsonObject Node, JsonObject Template)
{
    public string Type => Node["type"]?.GetValue<string>() ?? "";

    /// <summary>The name as compiled: a literal or an ARM expression such as <c>[parameters('name')]</c>.</summary>
    public string Name => Node["name"]?.GetValue<string>() ?? "";

    /// <summary>True for an <c>existing</c> reference, which declares nothing.</summary>
    public bool IsExisting => Node["existing"]?.GetValue<bool>() == true;

    public JsonObject Properties => Node["properties"]?.AsObject() ?? [];

    /// <summary>The value at a dotted path under <c>properties</c>, or null.</summary>
    public JsonNode? Property(string path)
    {
        JsonNode? node = Properties;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }
}
