using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Intake.Infra.Tests.Support;

/// <summary>
/// What a module parameter is in one environment, without deploying: follows a module parameter
/// passed as <c>[parameters('x')]</c> to main.bicep's parameter <c>x</c>, then takes the parameter
/// file's value or main.bicep's literal default. Only those shapes; anything else fails the test.
/// </summary>
public static partial class ParameterResolution
{
    /// <summary>The deployment (module) resource of the root template whose nested template is <paramref name="module"/>.</summary>
    public static JsonObject ModuleDeployment(this ArmTemplate main, JsonObject module)
    {
        ArgumentNullException.ThrowIfNull(main);
        return main.Resources
            .Where(resource => resource.Template == main.Root && resource.Type == "Microsoft.Resources/deployments")
            .Single(resource => ReferenceEquals(resource.Property("template"), module))
            .Node;
    }

    /// <summary>The expression or literal a module is given for one of its parameters.</summary>
    public static JsonNode? ModuleArgument(this ArmTemplate main, JsonObject module, string parameter) =>
        main.ModuleDeployment(module)["properties"]?["parameters"]?[parameter]?["value"];

    /// <summary>The value of main.bicep's parameter in an environment: the parameter file's, else the literal default.</summary>
    public static JsonNode? MainParameter(this ArmTemplate main, JsonObject parameterFile, string parameter)
    {
        ArgumentNullException.ThrowIfNull(main);
        var value = CompiledTemplates.ParameterValue(parameterFile, parameter)
            ?? main.Root["parameters"]?[parameter]?["defaultValue"]
            ?? throw new Xunit.Sdk.XunitException($"main.bicep parameter {parameter} has no value and no default.");
        Assert.False(IsExpression(value), $"The default of {parameter} is an expression, which this resolver does not evaluate.");
        return value;
    }

    /// <summary>A module parameter's value in an environment, when main.bicep passes one of its own parameters through.</summary>
    public static bool ModuleBool(this ArmTemplate main, JsonObject module, string parameter, JsonObject parameterFile)
    {
        var argument = main.ModuleArgument(module, parameter)?.GetValue<string>() ?? "";
        var match = ParameterReference().Match(argument);
        Assert.True(match.Success, $"The module parameter {parameter} is '{argument}', not a parameter of main.bicep.");
        return main.MainParameter(parameterFile, match.Groups["name"].Value)!.GetValue<bool>();
    }

    /// <summary>
    /// A property compiled as <c>[if(parameters('flag'), 'a', 'b')]</c> (or a literal), evaluated with the
    /// module's boolean parameter as it is in an environment.
    /// </summary>
    public static string Choice(this ArmTemplate main, ArmResource resource, string path, JsonObject parameterFile)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var text = resource.Property(path)?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"{resource.Type} has no {path}.");
        if (!IsExpression(text))
        {
            return text;
        }

        var match = BoolChoice().Match(text);
        Assert.True(match.Success, $"{resource.Type} {path} is '{text}', not if(parameters(...), ..., ...).");
        return main.ModuleBool(resource.Template, match.Groups["flag"].Value, parameterFile)
            ? match.Groups["then"].Value
            : match.Groups["else"].Value;
    }

    /// <summary>
    /// The literal strings a template variable holds, following <c>variables('…')</c> references inside
    /// expressions (a <c>concat</c> of lists, a list naming another variable) and evaluating a
    /// <c>filter</c> that leaves one variable's value out of a list.
    /// </summary>
    public static IEnumerable<string> VariableStrings(JsonObject template, string variable)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var text in ArmTemplate.Strings(template["variables"]?[variable]))
        {
            if (!IsExpression(text))
            {
                yield return text;
                continue;
            }

            // filter(list, x => x != excluded): the list's strings but the excluded one.
            if (FilterOut().Match(text) is { Success: true } filter)
            {
                var excluded = VariableStrings(template, filter.Groups["excluded"].Value).ToHashSet(StringComparer.Ordinal);
                foreach (var kept in VariableStrings(template, filter.Groups["list"].Value).Where(name => !excluded.Contains(name)))
                {
                    yield return kept;
                }

                continue;
            }

            foreach (Match reference in VariableReference().Matches(text))
            {
                foreach (var inner in VariableStrings(template, reference.Groups["name"].Value))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool IsExpression(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && IsExpression(text);

    private static bool IsExpression(string text) => text.StartsWith('[') && text.EndsWith(']');

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[if\(parameters\('(?<flag>\w+)'\), '(?<then>\w+)', '(?<else>\w+)'\)\]$")]
    private static partial Regex BoolChoice();

    [GeneratedRegex(@"^\[filter\(variables\('(?<list>\w+)'\), lambda\('(?<item>\w+)', not\(equals\(lambdaVariables\('\k<item>'\), variables\('(?<excluded>\w+)'\)\)\)\)\)\]$")]
    private static partial Regex FilterOut();

    [GeneratedRegex(@"variables\('(?<name>[\w.]+)'\)")]
    private static partial Regex VariableReference();
}
