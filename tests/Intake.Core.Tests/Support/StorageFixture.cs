using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Intake.Core.Configuration;
using Intake.Core.Hosting;
using Intake.Core.Storage;
using Intake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Support;

/// <summary>One Azurite for the storage tests of this assembly, and the pipeline's services on it.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    /// <summary>The connection string of the running emulator.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var services = BuildServices();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The pipeline's services against the emulator, with optional time and settings.</summary>
    public ServiceProvider BuildServices(TimeProvider? time = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = ConnectionString })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        configure?.Invoke(services);
        return services.AddIntakeCore(configuration).BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Removes every message, row and blob, so a test starts from empty storage.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = ConnectionString }).Build());
        var queues = account.CreateQueueServiceClient();
        await queues.GetQueueClient(StorageNames.ProcessingQueue).ClearMessagesAsync(cancellationToken);
        await queues.GetQueueClient(StorageNames.PoisonQueue).ClearMessagesAsync(cancellationToken);
        await queues.GetQueueClient(StorageNames.FlashQueue).ClearMessagesAsync(cancellationToken);
        foreach (var name in new[] { StorageNames.ReportsTable, StorageNames.DigestTallyTable, StorageNames.SubscribersTable, StorageNames.DeliveriesTable, StorageNames.PlaceAliasesTable, StorageNames.CampaignQuotaTable, StorageNames.FlashWindowTable, StorageNames.FlashWebhooksTable, StorageNames.FlashDeliveriesTable })
        {
            var table = account.CreateTableServiceClient().GetTableClient(name);
            await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            }
        }

        var blobs = account.CreateBlobServiceClient();
        foreach (var name in new[] { StorageNames.RawSubmissions, StorageNames.Digests })
        {
            var container = blobs.GetBlobContainerClient(name);
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                await container.DeleteBlobAsync(blob.Name, cancellationToken: cancellationToken);
            }
        }
    }
}
