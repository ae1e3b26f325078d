using System.Text.RegularExpressions;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>
/// Role assignments in the compiled main.bicep: only reviewed roles, each scoped to the single
/// resource it is about (the storage account, the vault, the Application Insights component),
/// never to a resource group or subscription.
/// </summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed partial class RoleAssignmentTemplateTests(CompiledTemplates compiled)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string KeyVault = "Microsoft.KeyVault/vaults";
    private const string ApplicationInsights = "Microsoft.Insights/components";

    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    // The one custom role: blob index tags (the receipt tag of raw submissions), declared in rbac.bicep.
    private const string BlobIndexTags = "custom:blob-index-tags";

    /// <summary>Every role the templates may assign, and the only resource type it may be scoped to.</summary>
    private static readonly Dictionary<string, string> ScopeTypeByRole = new(StringComparer.OrdinalIgnoreCase)
    {
        [BlobDataContributor] = StorageAccount,
        [QueueDataContributor] = StorageAccount,
        [TableDataContributor] = StorageAccount,
        [KeyVaultSecretsUser] = KeyVault,
        [KeyVaultSecretsOfficer] = KeyVault,
        [MonitoringMetricsPublisher] = ApplicationInsights,
        [BlobIndexTags] = StorageAccount,
    };

    private IReadOnlyList<ArmResource> Assignments => compiled.Main.Declared("Microsoft.Authorization/roleAssignments");

    [Fact]
    public void RoleAssignments_Role_IsReviewed()
    {
        // Act
        var roles = Assignments.Select(RoleOf).ToList();

        // Assert
        Assert.NotEmpty(roles);
        Assert.All(roles, role => Assert.Contains(role, ScopeTypeByRole.Keys));
    }

    [Fact]
    public void RoleAssignments_Scope_IsTheSingleResourceTheRoleIsAbout()
    {
        // Act
        var scopes = Assignments.Select(assignment => (Role: RoleOf(assignment), Scope: assignment.Node["scope"]?.GetValue<string>() ?? ""));

        // Assert
        Assert.All(scopes, assignment =>
        {
            var match = ResourceScope().Match(assignment.Scope);
            Assert.True(match.Success, $"Role {assignment.Role} is scoped to '{assignment.Scope}', not to one resource.");
            Assert.Equal(ScopeTypeByRole[assignment.Role], match.Groups["type"].Value);
        });
    }

    [Fact]
    public void RoleAssignments_StorageAccount_DataContributorRolesOnly()
    {
        // Act
        var storageRoles = Assignments
            .Where(assignment => assignment.Node["scope"]?.GetValue<string>().Contains($"'{StorageAccount}'", StringComparison.Ordinal) == true)
            .Select(RoleOf)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Assert
        Assert.Equal(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { BlobDataContributor, QueueDataContributor, TableDataContributor, BlobIndexTags },
            storageRoles);
    }

    [Fact]
    public void RoleAssignments_App_GrantedEveryRoleItNeeds()
    {
        // Act
        var roles = Assignments.Select(RoleOf).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Assert
        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                BlobDataContributor, QueueDataContributor, TableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher, BlobIndexTags,
            },
            roles);
    }

    [Fact]
    public void RoleAssignments_Name_IsDeterministicGuid()
    {
        // Act
        var names = Assignments.Select(assignment => assignment.Name);

        // Assert
        Assert.All(names, name => Assert.StartsWith("[guid(", name, StringComparison.Ordinal));
    }

    [Fact]
    public void CustomRole_BlobIndexTags_GrantsOnlyTheTagDataActionsWithinTheResourceGroup()
    {
        // Act
        var role = Assert.Single(compiled.Main.Declared("Microsoft.Authorization/roleDefinitions"));
        var permissions = Assert.Single(role.Property("permissions")!.AsArray())!;

        // Assert
        Assert.Equal("customRole", role.Property("type")?.GetValue<string>());
        Assert.Empty(permissions["actions"]!.AsArray());
        Assert.Equal(
            [
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/filter/action",
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read",
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write",
            ],
            permissions["dataActions"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("[resourceGroup().id]", Assert.Single(role.Property("assignableScopes")!.AsArray())!.GetValue<string>());
    }

    private static string RoleOf(ArmResource assignment)
    {
        var definition = assignment.Property("roleDefinitionId")?.GetValue<string>() ?? "";
        if (definition.Contains("'Microsoft.Authorization/roleDefinitions'", StringComparison.Ordinal) && definition.Contains("intake-blob-index-tags", StringComparison.Ordinal))
        {
            return BlobIndexTags;
        }

        var match = RoleGuid().Match(definition);
        Assert.True(match.Success, $"Role definition '{definition}' does not name a built-in role by GUID.");
        return match.Value;
    }

    [GeneratedRegex(@"^\[resourceId\('(?<type>[A-Za-z.]+/[A-Za-z]+)', parameters\('\w+'\)\)\]$")]
    private static partial Regex ResourceScope();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex RoleGuid();
}
