using System.Text.Json.Nodes;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>azure.yaml and infra/main.parameters.json agree with the template, so <c>azd up</c> works.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class AzdWiringTests(CompiledTemplates compiled)
{
    [Fact]
    public void AzdParameters_EveryName_IsATemplateParameter()
    {
        // Arrange
        var templateParameters = compiled.Main.Root["parameters"]!.AsObject();

        // Act
        var names = (JsonNode.Parse(File.ReadAllText(RepositoryLayout.AzdParameters))?["parameters"]?.AsObject() ?? [])
            .Select(parameter => parameter.Key)
            .ToList();

        // Assert
        Assert.Contains("environmentName", names);
        Assert.Contains("location", names);
        Assert.All(names, name => Assert.True(templateParameters.ContainsKey(name), $"main.bicep has no parameter {name}."));
    }

    [Fact]
    public void AzdParameters_EnvironmentAndLocation_ComeFromAzd()
    {
        // Act
        var parameters = JsonNode.Parse(File.ReadAllText(RepositoryLayout.AzdParameters))?["parameters"];

        // Assert
        Assert.Equal("${AZURE_ENV_NAME}", parameters?["environmentName"]?["value"]?.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", parameters?["location"]?["value"]?.GetValue<string>());
    }

    [Fact]
    public void AzureYaml_ApiService_PointsAtFunctionsProject()
    {
        // Act
        var yaml = File.ReadAllLines(RepositoryLayout.AzureYaml).Select(line => line.Trim()).ToList();

        // Assert
        Assert.Contains("api:", yaml);
        Assert.Contains("project: ./functions/Intake.Functions", yaml);
        Assert.Contains("language: dotnet", yaml);
        Assert.Contains("host: function", yaml);
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, "functions", "Intake.Functions", "Intake.Functions.csproj")));
    }

    [Fact]
    public void FunctionApp_AzdServiceNameTag_IsApi()
    {
        // Arrange: the app's module gets serviceName from main.bicep and puts it in the azd-service-name tag.
        var app = compiled.Main.FunctionApp();
        var deployment = compiled.Main.Resources.Single(resource =>
            resource.Type == "Microsoft.Resources/deployments" && ReferenceEquals(resource.Property("template"), app.Template));

        // Act
        var tags = app.Node["tags"]?.GetValue<string>();
        var serviceName = deployment.Property("parameters")?["serviceName"]?["value"]?.GetValue<string>();

        // Assert
        Assert.Contains("'azd-service-name', parameters('serviceName')", tags, StringComparison.Ordinal);
        Assert.Equal("api", serviceName);
    }
}
