using System.Reflection;

namespace Intake.Infra.Tests.Support;

/// <summary>Where the repository and the Bicep CLI are, as the build recorded them in this assembly.</summary>
public static class RepositoryLayout
{
    /// <summary>The repository root (the folder of Intake.sln).</summary>
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package in the NuGet cache.</summary>
    public static string BicepPath { get; } = Metadata("BicepPath");

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainTemplate => Path.Combine(Infra, "main.bicep");

    public static string AzdParameters => Path.Combine(Infra, "main.parameters.json");

    public static string SampleSettings => Path.Combine(Root, "local.settings.sample.json");

    public static string DeploymentGuide => Path.Combine(Root, "docs", "DEPLOYMENT.md");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    public static string ParameterFile(string environment) => Path.Combine(Infra, "env", environment + ".bicepparam");

    /// <summary>Every file under infra/ with the extension, relative to infra/ with forward slashes.</summary>
    public static IReadOnlyList<string> InfraFiles(string extension) =>
        [.. Directory.EnumerateFiles(Infra, "*" + extension, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Infra, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; Intake.Infra.Tests.csproj sets it.");
}
