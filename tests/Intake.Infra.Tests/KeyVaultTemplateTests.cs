using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>The Key Vault in the compiled main.bicep: RBAC only, unpurgeable, audited.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class KeyVaultTemplateTests(CompiledTemplates compiled)
{
    private ArmResource Vault => Assert.Single(compiled.Main.Declared("Microsoft.KeyVault/vaults"));

    [Fact]
    public void Vault_Authorization_RbacWithoutAccessPolicies()
    {
        // Act
        var vault = Vault;

        // Assert
        Assert.True(vault.Property("enableRbacAuthorization")?.GetValue<bool>());
        Assert.True(vault.Property("accessPolicies") is null or System.Text.Json.Nodes.JsonArray { Count: 0 });
    }

    [Fact]
    public void Vault_Deletion_SoftDeleteAndPurgeProtectionOn()
    {
        // Act
        var vault = Vault;

        // Assert
        Assert.True(vault.Property("enableSoftDelete")?.GetValue<bool>());
        Assert.True(vault.Property("enablePurgeProtection")?.GetValue<bool>());
    }

    [Fact]
    public void Vault_TemplateDeployment_CannotReadSecrets()
    {
        // Act
        var vault = Vault;

        // Assert
        Assert.False(vault.Property("enabledForTemplateDeployment")?.GetValue<bool>());
        Assert.False(vault.Property("enabledForDeployment")?.GetValue<bool>());
    }

    [Fact]
    public void Vault_AuditLog_SentToLogAnalytics()
    {
        // Act
        var diagnostics = compiled.Main.Declared("Microsoft.Insights/diagnosticSettings")
            .Where(setting => setting.Node["scope"]?.GetValue<string>().Contains("'Microsoft.KeyVault/vaults'", StringComparison.Ordinal) == true)
            .ToList();

        // Assert
        var setting = Assert.Single(diagnostics);
        Assert.Contains("audit", ArmTemplate.Strings(setting.Property("logs")));
    }
}
