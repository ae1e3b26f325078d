using System.Text.Json.Nodes;

namespace Intake.Infra.Tests.Support;

/// <summary>
/// A compiled ARM template and every template nested in it: each Bicep module compiles to a
/// <c>Microsoft.Resources/deployments</c> resource whose <c>properties.template</c> is the module.
/// Handles both the array form of <c>resources</c> and the symbolic-name (languageVersion 2.0) form.
/// </summary>
public sealed class ArmTemplate
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    public ArmTemplate(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        Templates = [.. Walk(root)];
        Resources = [.. Templates.SelectMany(template => ResourcesOf(template).Select(node => new ArmResource(node, template)))];
    }

    public JsonObject Root { get; }

    /// <summary>The root template and all nested module templates.</summary>
    public IReadOnlyList<JsonObject> Templates { get; }

    /// <summary>Every resource of every template, <c>existing</c> references included.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmTemplate Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is not a JSON object."));

    /// <summary>The resources the templates declare (not <c>existing</c> references) of one type.</summary>
    public IReadOnlyList<ArmResource> Declared(string type) =>
        [.. Resources.Where(resource => !resource.IsExisting && string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Every output of every template, with the template it belongs to.</summary>
    public IEnumerable<(string Name, JsonObject Output, JsonObject Template)> Outputs() =>
        Templates.SelectMany(template =>
            (template["outputs"]?.AsObject() ?? []).Select(output => (output.Key, output.Value!.AsObject(), template)));

    /// <summary>Names of the parameters of a template declared <c>securestring</c> or <c>secureobject</c>.</summary>
    public static IReadOnlyList<string> SecureParameters(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. (template["parameters"]?.AsObject() ?? [])
            .Where(parameter => parameter.Value?["type"]?.GetValue<string>() is { } type
                && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(parameter => parameter.Key)];
    }

    /// <summary>Every string value under a node, at any depth.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => Strings(property.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static IEnumerable<JsonObject> Walk(JsonObject template)
    {
        yield return template;
        foreach (var nested in ResourcesOf(template)
            .Where(resource => resource["type"]?.GetValue<string>() == DeploymentType)
            .Select(resource => resource["properties"]?["template"])
            .OfType<JsonObject>())
        {
            foreach (var inner in Walk(nested))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(resource => resource.Value).OfType<JsonObject>(),
        _ => [],
    };
}
