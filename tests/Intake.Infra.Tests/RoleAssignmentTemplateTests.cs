using System.Reflection;
using System.Text.RegularExpressions;
using Intake.Core.Configuration;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>
/// Role assignments in the compiled main.bicep: only reviewed roles, each scoped to the single
/// resource it is about (a blob container, a queue or a table; the vault; the Application Insights
/// component), never to the whole storage account, a resource group or a subscription.
/// </summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed partial class RoleAssignmentTemplateTests(CompiledTemplates compiled)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string Container = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private const string Queue = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string Table = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string KeyVault = "Microsoft.KeyVault/vaults";
    private const string ApplicationInsights = "Microsoft.Insights/components";

    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    // The custom role that makes the audit table append-only for the app, declared in rbac.bicep.
    private const string AuditAppend = "custom:audit-append";

    // The custom role for blob index tags (the receipt tag of raw submissions), declared in rbac.bicep.
    private const string BlobIndexTags = "custom:blob-index-tags";

    /// <summary>Every role the templates may assign, and the only resource type it may be scoped to.</summary>
    private static readonly Dictionary<string, string> ScopeTypeByRole = new(StringComparer.OrdinalIgnoreCase)
    {
        [BlobDataContributor] = Container,
        [QueueDataContributor] = Queue,
        [TableDataContributor] = Table,
        [KeyVaultSecretsUser] = KeyVault,
        [KeyVaultSecretsOfficer] = KeyVault,
        [MonitoringMetricsPublisher] = ApplicationInsights,
        [AuditAppend] = Table,
        [BlobIndexTags] = Container,
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
    public void RoleAssignments_StorageAccount_NoneAtAccountScope()
    {
        // Act
        var accountScoped = Assignments
            .Where(assignment => assignment.Node["scope"]?.GetValue<string>().Contains($"'{StorageAccount}'", StringComparison.Ordinal) == true)
            .ToList();

        // Assert
        Assert.Empty(accountScoped);
    }

    public static TheoryData<string, string> StorageNamesByType() =>
    [
        .. typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => (Type: field.Name.EndsWith("Table", StringComparison.Ordinal) ? Table
                    : field.Name.EndsWith("Queue", StringComparison.Ordinal) ? Queue
                    : Container,
                Name: (string)field.GetRawConstantValue()!))
            // The audit table has its own role: AuditTable_App_GetsOnlyTheAppendRole.
            .Where(storage => storage.Name != StorageNames.AuditTable)
            .Append((Container, "azure-webjobs-hosts"))
            .Append((Container, "azure-webjobs-secrets")),
    ];

    [Theory]
    [MemberData(nameof(StorageNamesByType))]
    public void StorageRoles_EveryContainerQueueAndTable_HasTheAppsRole(string type, string name)
    {
        // Arrange: each storage role is a loop over a list of names, scoped to resourceId(type, account, 'default', name).
        var role = new[] { BlobDataContributor, QueueDataContributor, TableDataContributor }.Single(candidate => ScopeTypeByRole[candidate] == type);
        var assignment = Assert.Single(Assignments, candidate => RoleOf(candidate).Equals(role, StringComparison.OrdinalIgnoreCase));
        var count = assignment.Node["copy"]?["count"]?.GetValue<string>() ?? "";
        var listVariable = CopyList().Match(count);
        Assert.True(listVariable.Success, $"The {role} assignment is not a loop over a list of names ('{count}').");

        // Act
        var names = ParameterResolution.VariableStrings(assignment.Template, listVariable.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Contains(name, names);
        Assert.Contains($"'{type}'", assignment.Node["scope"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void AuditTable_App_GetsOnlyTheAppendRole()
    {
        // Arrange
        var tableLoop = Assert.Single(Assignments, assignment => RoleOf(assignment).Equals(TableDataContributor, StringComparison.OrdinalIgnoreCase));
        var contributorTables = ParameterResolution.VariableStrings(
            tableLoop.Template, CopyList().Match(tableLoop.Node["copy"]?["count"]?.GetValue<string>() ?? "").Groups["name"].Value);

        // Act
        var append = Assert.Single(Assignments, assignment => RoleOf(assignment) == AuditAppend);
        var scope = append.Node["scope"]?.GetValue<string>() ?? "";
        var scopedName = VariableInScope().Match(scope);

        // Assert
        Assert.DoesNotContain(StorageNames.AuditTable, contributorTables);
        Assert.StartsWith($"[resourceId('{Table}', ", scope, StringComparison.Ordinal);
        Assert.True(scopedName.Success, scope);
        Assert.Equal([StorageNames.AuditTable], ParameterResolution.VariableStrings(append.Template, scopedName.Groups["name"].Value));
    }

    [Fact]
    public void CustomRole_AuditAppend_AddsAndReadsRowsAndCannotChangeOrDeleteThem()
    {
        // Act
        var role = Assert.Single(
            compiled.Main.Declared("Microsoft.Authorization/roleDefinitions"),
            definition => definition.Name.Contains("intake-audit-append", StringComparison.Ordinal));
        var permissions = Assert.Single(role.Property("permissions")!.AsArray())!;

        // Assert
        Assert.Equal("customRole", role.Property("type")?.GetValue<string>());
        Assert.Equal(
            [
                "Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action",
                "Microsoft.Storage/storageAccounts/tableServices/tables/entities/read",
            ],
            permissions["dataActions"]!.AsArray().Select(action => action!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["Microsoft.Storage/storageAccounts/tableServices/tables/write"],
            permissions["actions"]!.AsArray().Select(action => action!.GetValue<string>()));
        Assert.Equal("[resourceGroup().id]", Assert.Single(role.Property("assignableScopes")!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public void CustomRole_BlobIndexTags_GrantsOnlyTheTagDataActionsOnRawSubmissions()
    {
        // Act
        var role = Assert.Single(
            compiled.Main.Declared("Microsoft.Authorization/roleDefinitions"),
            definition => definition.Name.Contains("intake-blob-index-tags", StringComparison.Ordinal));
        var permissions = Assert.Single(role.Property("permissions")!.AsArray())!;
        var assignment = Assert.Single(Assignments, candidate => RoleOf(candidate) == BlobIndexTags);
        var scopedName = VariableInScope().Match(assignment.Node["scope"]?.GetValue<string>() ?? "");

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
        Assert.True(scopedName.Success, assignment.Node["scope"]?.GetValue<string>());
        Assert.Equal([StorageNames.RawSubmissions], ParameterResolution.VariableStrings(assignment.Template, scopedName.Groups["name"].Value));
    }

    [Fact]
    public void BlobRole_DeploymentContainer_IsInTheList()
    {
        // Act
        var blobList = Assert.Single(Assignments, assignment => RoleOf(assignment).Equals(BlobDataContributor, StringComparison.OrdinalIgnoreCase))
            .Template["variables"]?["blobContainerNames"]?.GetValue<string>();

        // Assert
        Assert.Contains("parameters('deploymentContainerName')", blobList, StringComparison.Ordinal);
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
                BlobDataContributor, QueueDataContributor, TableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher, AuditAppend, BlobIndexTags,
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

    private static string RoleOf(ArmResource assignment)
    {
        var definition = assignment.Property("roleDefinitionId")?.GetValue<string>() ?? "";
        if (definition.Contains("'Microsoft.Authorization/roleDefinitions'", StringComparison.Ordinal) && definition.Contains("intake-audit-append", StringComparison.Ordinal))
        {
            return AuditAppend;
        }

        if (definition.Contains("'Microsoft.Authorization/roleDefinitions'", StringComparison.Ordinal) && definition.Contains("intake-blob-index-tags", StringComparison.Ordinal))
        {
            return BlobIndexTags;
        }

        var match = RoleGuid().Match(definition);
        Assert.True(match.Success, $"Role definition '{definition}' does not name a built-in role by GUID.");
        return match.Value;
    }

    // resourceId of one resource: a top-level one by its name parameter, or a container, queue or
    // table by the account parameter, the 'default' service and one name of a list.
    [GeneratedRegex(@"^\[resourceId\('(?<type>[A-Za-z.]+/[A-Za-z]+(/[A-Za-z]+/[A-Za-z]+)?)', parameters\('\w+'\)(, 'default', variables\('\w+'\)(\[copyIndex\(\)\])?)?\)\]$")]
    private static partial Regex ResourceScope();

    [GeneratedRegex(@"^\[length\(variables\('(?<name>\w+)'\)\)\]$")]
    private static partial Regex CopyList();

    [GeneratedRegex(@", 'default', variables\('(?<name>\w+)'\)\)\]$")]
    private static partial Regex VariableInScope();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex RoleGuid();
}
