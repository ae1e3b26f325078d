using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>The dev and prod parameter files: prod keeps evidence write-once and recoverable for longer.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class ParameterFilesTests(CompiledTemplates compiled)
{
    private static int IntValue(System.Text.Json.Nodes.JsonObject parameters, string name) =>
        CompiledTemplates.ParameterValue(parameters, name)?.GetValue<int>()
        ?? throw new Xunit.Sdk.XunitException($"The parameter file does not set {name}.");

    [Fact]
    public void Prod_RawSubmissions_ImmutabilityPolicyOn()
    {
        // Act
        var days = IntValue(compiled.ProdParameters, "rawSubmissionsImmutabilityDays");

        // Assert
        Assert.True(days >= 365, $"prod keeps raw submissions immutable for {days} days.");
    }

    [Fact]
    public void Dev_RawSubmissions_NoImmutabilityPolicy()
    {
        // Act
        var days = IntValue(compiled.DevParameters, "rawSubmissionsImmutabilityDays");

        // Assert
        Assert.Equal(0, days);
    }

    [Theory]
    [InlineData("blobSoftDeleteDays")]
    [InlineData("containerSoftDeleteDays")]
    [InlineData("keyVaultSoftDeleteDays")]
    [InlineData("logRetentionDays")]
    public void Prod_Retention_LongerThanDev(string parameter)
    {
        // Act
        var dev = IntValue(compiled.DevParameters, parameter);
        var prod = IntValue(compiled.ProdParameters, parameter);

        // Assert
        Assert.True(prod > dev, $"{parameter}: prod {prod} is not longer than dev {dev}.");
    }

    [Fact]
    public void Prod_Storage_ZoneRedundant()
    {
        // Act
        var sku = CompiledTemplates.ParameterValue(compiled.ProdParameters, "storageSkuName")?.GetValue<string>();

        // Assert
        Assert.NotNull(sku);
        Assert.Contains("ZRS", sku, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ParameterFile_EnvironmentType_MatchesFileName(string environment)
    {
        // Act
        var parameters = environment == "prod" ? compiled.ProdParameters : compiled.DevParameters;

        // Assert
        Assert.Equal(environment, CompiledTemplates.ParameterValue(parameters, "environmentType")?.GetValue<string>());
    }
}
