using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>
/// No key, SAS or secret anywhere in the compiled main.bicep: no function that lists keys, no
/// output or app setting carrying a secret or a secure parameter, UPPER_SNAKE outputs for azd.
/// </summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed partial class TemplateSecretsTests(CompiledTemplates compiled)
{
    /// <summary>ARM functions and connection-string parts that put a key or SAS into a value.</summary>
    private static readonly string[] KeyMaterialTokens =
    [
        "listKeys", "listAccountSas", "listServiceSas", "listConnectionStrings", "listCredentials", "listSecrets",
        "AccountKey", "SharedAccessSignature", "SharedAccessKey", "SharedKey",
    ];

    public static TheoryData<string> KeyMaterial() => [.. KeyMaterialTokens];

    [Theory]
    [MemberData(nameof(KeyMaterial))]
    public void Template_AnyValue_HasNoKeyMaterial(string token)
    {
        // Act
        var offending = ArmTemplate.Strings(compiled.Main.Root)
            .Where(value => value.Contains(token, StringComparison.OrdinalIgnoreCase))
            .ToList();

        // Assert
        Assert.Empty(offending);
    }

    [Fact]
    public void Outputs_Value_HasNoSecretOrSecureParameter()
    {
        // Arrange
        string[] forbidden = [.. KeyMaterialTokens, "ConnectionString", "InstrumentationKey", "secrets/"];

        // Act
        var outputs = compiled.Main.Outputs().ToList();

        // Assert
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output =>
        {
            var value = string.Join('\n', ArmTemplate.Strings(output.Output["value"]));
            Assert.DoesNotContain(forbidden, token => value.Contains(token, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(ArmTemplate.SecureParameters(output.Template), parameter => References(value, parameter));
            Assert.NotEqual("securestring", output.Output["type"]?.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void AppSettings_Value_HasNoKeyMaterialOrSecureParameter()
    {
        // Arrange: a secure parameter anywhere, followed through module parameters into the app's template.
        var app = compiled.Main.FunctionApp();
        var tainted = TaintedParameters(compiled.Main.Root, [])[app.Template];

        // Act
        var settings = compiled.Main.AppSettings();

        // Assert
        Assert.All(settings, setting =>
        {
            var value = string.Join('\n', ArmTemplate.Strings(setting.Value));
            Assert.DoesNotContain(KeyMaterialTokens, token => value.Contains(token, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(tainted, parameter => References(value, parameter));
        });
    }

    [Fact]
    public void Outputs_Name_IsUpperSnakeCase()
    {
        // Act
        var names = (compiled.Main.Root["outputs"]?.AsObject() ?? []).Select(output => output.Key).ToList();

        // Assert
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Matches(UpperSnake(), name));
    }

    [Fact]
    public void Outputs_Name_DoesNotNameASecret()
    {
        // Arrange
        string[] secretWords = ["PASSWORD", "SECRET", "CONNECTION_STRING", "ACCOUNT_KEY", "ACCESS_KEY", "INSTRUMENTATION_KEY", "SAS"];

        // Act
        var names = compiled.Main.Outputs().Select(output => output.Name.ToUpperInvariant()).ToList();

        // Assert
        Assert.All(names, name => Assert.DoesNotContain(secretWords, word => name.Contains(word, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Per template, the parameters that are secure or receive a value built from one in the parent
    /// (modules pass values through <c>properties.parameters</c> of their deployment).
    /// </summary>
    private static Dictionary<JsonObject, HashSet<string>> TaintedParameters(JsonObject template, IEnumerable<string> inherited)
    {
        var tainted = ArmTemplate.SecureParameters(template).Concat(inherited).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<JsonObject, HashSet<string>>(ReferenceEqualityComparer.Instance) { [template] = tainted };
        var deployments = new ArmTemplate(template).Resources
            .Where(resource => resource.Template == template && resource.Type == "Microsoft.Resources/deployments");
        foreach (var deployment in deployments)
        {
            if (deployment.Property("template") is not JsonObject nested)
            {
                continue;
            }

            var passed = (deployment.Property("parameters") as JsonObject ?? [])
                .Where(parameter => ArmTemplate.Strings(parameter.Value).Any(value => tainted.Any(name => References(value, name))))
                .Select(parameter => parameter.Key);
            foreach (var (inner, names) in TaintedParameters(nested, passed))
            {
                result[inner] = names;
            }
        }

        return result;
    }

    private static bool References(string expression, string parameter) =>
        expression.Contains($"parameters('{parameter}')", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
