using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>
/// Every template and parameter file under infra/ builds with the pinned Bicep CLI, with no
/// warning or error, lint rules (infra/bicepconfig.json) included.
/// </summary>
public sealed class BicepBuildTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Templates() => [.. RepositoryLayout.InfraFiles(".bicep")];

    public static TheoryData<string> ParameterFiles() => [.. RepositoryLayout.InfraFiles(".bicepparam")];

    [Fact]
    public void InfraFiles_Listed_IncludeMainModulesAndBothEnvironments()
    {
        // Arrange
        string[] expected =
        [
            "main.bicep", "app/storage.bicep", "app/function.bicep", "app/monitoring.bicep",
            "app/keyvault.bicep", "app/rbac.bicep", "app/network.bicep", "app/storage-names.bicep", "env/dev.bicepparam", "env/prod.bicepparam",
        ];

        // Act
        var files = RepositoryLayout.InfraFiles(".bicep").Concat(RepositoryLayout.InfraFiles(".bicepparam")).ToList();

        // Assert
        Assert.All(expected, file => Assert.Contains(file, files));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Build_Template_SucceedsWithoutDiagnostics(string template)
    {
        // Arrange
        using var output = new TempDirectory();
        var outputFile = output.File("template.json");

        // Act
        var result = await BicepCli.BuildAsync(Path.Combine(RepositoryLayout.Infra, template), outputFile, Ct);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.False(result.HasDiagnostics, result.Output);
        Assert.True(File.Exists(outputFile));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task BuildParams_ParameterFile_SucceedsWithoutDiagnostics(string parameterFile)
    {
        // Arrange
        using var output = new TempDirectory();
        var outputFile = output.File("parameters.json");

        // Act
        var result = await BicepCli.BuildAsync(Path.Combine(RepositoryLayout.Infra, parameterFile), outputFile, Ct);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.False(result.HasDiagnostics, result.Output);
        Assert.True(File.Exists(outputFile));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    [MemberData(nameof(ParameterFiles))]
    public async Task Lint_File_ReportsNothing(string file)
    {
        // Act
        var result = await BicepCli.RunAsync(["lint", Path.Combine(RepositoryLayout.Infra, file)], Ct);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.False(result.HasDiagnostics, result.Output);
    }
}
