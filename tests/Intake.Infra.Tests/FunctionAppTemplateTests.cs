using System.Text.RegularExpressions;
using System.Xml.Linq;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>The Function App in the compiled main.bicep: Flex Consumption, HTTPS only, identity-based.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed partial class FunctionAppTemplateTests(CompiledTemplates compiled)
{
    [Fact]
    public void FunctionApp_Transport_HttpsOnlyWithTls12AndFtpsDisabled()
    {
        // Act
        var app = compiled.Main.FunctionApp();

        // Assert
        Assert.True(app.Property("httpsOnly")?.GetValue<bool>());
        Assert.Equal("Disabled", app.Property("siteConfig.ftpsState")?.GetValue<string>());
        Assert.Equal("1.2", app.Property("siteConfig.minTlsVersion")?.GetValue<string>());
        Assert.Equal("1.2", app.Property("siteConfig.scmMinTlsVersion")?.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_BasicPublishingCredentials_FtpAndScmDisallowed()
    {
        // Act
        var policies = compiled.Main.Declared("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        // Assert
        Assert.All(policies, policy => Assert.False(policy.Property("allow")?.GetValue<bool>()));
        Assert.Single(policies, policy => policy.Name.Contains("'ftp'", StringComparison.Ordinal));
        Assert.Single(policies, policy => policy.Name.Contains("'scm'", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Sku_IsFlexConsumptionOnLinux()
    {
        // Act
        var plan = Assert.Single(compiled.Main.Declared("Microsoft.Web/serverfarms"));

        // Assert
        Assert.Equal("FC1", plan.Node["sku"]?["name"]?.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Node["sku"]?["tier"]?.GetValue<string>());
        Assert.True(plan.Property("reserved")?.GetValue<bool>());
    }

    [Fact]
    public void FunctionApp_Identity_UserAssignedForKeyVaultAndDeploymentStorage()
    {
        // Act
        var app = compiled.Main.FunctionApp();

        // Assert
        Assert.Equal("UserAssigned", app.Node["identity"]?["type"]?.GetValue<string>());
        Assert.NotNull(app.Property("keyVaultReferenceIdentity"));
        Assert.Equal("UserAssignedIdentity", app.Property("functionAppConfig.deployment.storage.authentication.type")?.GetValue<string>());
        Assert.NotNull(app.Property("functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
        Assert.Null(app.Property("functionAppConfig.deployment.storage.authentication.storageAccountConnectionStringName"));
    }

    [Fact]
    public void AppSettings_HostStorage_IdentityBasedWithManagedIdentity()
    {
        // Act
        var settings = compiled.Main.AppSettings();

        // Assert
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]?.GetValue<string>());
        Assert.Contains("AzureWebJobsStorage__clientId", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings.Keys);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("AzureWebJobsStorage__connectionString")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("DEPLOYMENT_STORAGE_CONNECTION_STRING")]
    public void AppSettings_KeyBasedStorageSetting_Absent(string name)
    {
        // Act
        var settings = compiled.Main.AppSettings();

        // Assert
        Assert.DoesNotContain(name, settings.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppSettings_SmtpPassword_IsKeyVaultReference()
    {
        // Act
        var value = compiled.Main.AppSettings()["Smtp__Password"]?.GetValue<string>();

        // Assert
        Assert.NotNull(value);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_DotnetVersion_MatchesTargetFramework()
    {
        // Arrange
        var targetFramework = XDocument.Load(Path.Combine(RepositoryLayout.Root, "Directory.Build.props"))
            .Descendants("TargetFramework").Single().Value;
        var version = TargetFrameworkVersion().Match(targetFramework).Groups["version"].Value;

        // Act
        var runtime = compiled.Main.FunctionApp().Property("functionAppConfig.runtime");
        var dotnetVersion = compiled.Main.Root["parameters"]?["dotnetVersion"]?["defaultValue"]?.GetValue<string>();

        // Assert
        Assert.Equal("dotnet-isolated", runtime?["name"]?.GetValue<string>());
        Assert.Equal(version, dotnetVersion);
    }

    [GeneratedRegex(@"^net(?<version>\d+\.\d+)$")]
    private static partial Regex TargetFrameworkVersion();
}
