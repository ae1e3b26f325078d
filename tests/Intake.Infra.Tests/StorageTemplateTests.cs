using Intake.Core.Configuration;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>The storage account in the compiled main.bicep: Entra-only, private, versioned, recoverable.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class StorageTemplateTests(CompiledTemplates compiled)
{
    private ArmResource Account => Assert.Single(compiled.Main.Declared("Microsoft.Storage/storageAccounts"));

    [Fact]
    public void StorageAccount_Access_SharedKeyAndPublicBlobAccessOff()
    {
        // Act
        var account = Account;

        // Assert
        Assert.False(account.Property("allowSharedKeyAccess")?.GetValue<bool>());
        Assert.False(account.Property("allowBlobPublicAccess")?.GetValue<bool>());
        Assert.True(account.Property("defaultToOAuthAuthentication")?.GetValue<bool>());
    }

    [Fact]
    public void StorageAccount_Transport_HttpsOnlyWithTls12()
    {
        // Act
        var account = Account;

        // Assert
        Assert.Equal("TLS1_2", account.Property("minimumTlsVersion")?.GetValue<string>());
        Assert.True(account.Property("supportsHttpsTrafficOnly")?.GetValue<bool>());
    }

    [Fact]
    public void StorageAccount_AllowedCopyScope_EntraTenantOnly()
    {
        // Act
        var scope = Account.Property("allowedCopyScope")?.GetValue<string>();

        // Assert
        Assert.Equal("AAD", scope);
    }

    [Fact]
    public void BlobService_Recovery_VersioningAndSoftDeleteOn()
    {
        // Act
        var blobService = Assert.Single(compiled.Main.Declared("Microsoft.Storage/storageAccounts/blobServices"));

        // Assert
        Assert.True(blobService.Property("isVersioningEnabled")?.GetValue<bool>());
        Assert.True(blobService.Property("deleteRetentionPolicy.enabled")?.GetValue<bool>());
        Assert.True(blobService.Property("containerDeleteRetentionPolicy.enabled")?.GetValue<bool>());
    }

    [Fact]
    public void Containers_PublicAccess_None()
    {
        // Act
        var containers = compiled.Main.Declared("Microsoft.Storage/storageAccounts/blobServices/containers");

        // Assert
        Assert.NotEmpty(containers);
        Assert.All(containers, container => Assert.Equal("None", container.Property("publicAccess")?.GetValue<string>()));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers", StorageNames.RawSubmissions)]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers", StorageNames.Digests)]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues", StorageNames.ProcessingQueue)]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues", StorageNames.PoisonQueue)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.ReportsTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.DigestTallyTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.SubscribersTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.DeliveriesTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.AccessTokensTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.AuditTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.PlaceAliasesTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.CampaignQuotaTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.TokenUsageTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.FlashWebhooksTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.FlashDeliveriesTable)]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.FlashWindowTable)]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues", StorageNames.FlashQueue)]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues", StorageNames.FlashPoisonQueue)]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers", "azure-webjobs-hosts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers", "azure-webjobs-secrets")]
    public void StorageTemplate_AppStorageName_IsCreated(string type, string name)
    {
        // Arrange: a loop compiles to a name expression over a variable, so look for the literal
        // name in the template that declares resources of the type.
        var declaring = compiled.Main.Declared(type).Select(resource => resource.Template).Distinct().ToList();

        // Act
        var strings = declaring.SelectMany(ArmTemplate.Strings).ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.NotEmpty(declaring);
        Assert.Contains(name, strings);
    }

    [Fact]
    public void RawSubmissions_ImmutabilityPolicy_IsConditionalAndBlocksAppends()
    {
        // Act
        var policy = Assert.Single(compiled.Main.Declared("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));

        // Assert
        Assert.NotNull(policy.Node["condition"]);
        Assert.Contains(StorageNames.RawSubmissions, ArmTemplate.Strings(policy.Template));
        Assert.False(policy.Property("allowProtectedAppendWrites")?.GetValue<bool>());
        Assert.NotNull(policy.Property("immutabilityPeriodSinceCreationInDays"));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices")]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices")]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices")]
    public void DataService_AccessLogs_SentToLogAnalytics(string serviceType)
    {
        // Act
        var diagnostics = compiled.Main.Declared("Microsoft.Insights/diagnosticSettings")
            .Where(setting => setting.Node["scope"]?.GetValue<string>().Contains($"'{serviceType}'", StringComparison.Ordinal) == true)
            .ToList();

        // Assert
        var setting = Assert.Single(diagnostics);
        Assert.NotNull(setting.Property("workspaceId"));
        var categories = ArmTemplate.Strings(setting.Template["variables"]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "StorageRead", "StorageWrite", "StorageDelete" }, categories);
    }
}
