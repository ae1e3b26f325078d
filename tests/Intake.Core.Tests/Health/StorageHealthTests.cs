using Intake.Core.Health;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Health;

[Collection(StorageCollection.Name)]
public sealed class StorageHealthTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_EmulatorRunning_IsHealthy()
    {
        await using var services = storage.BuildServices();

        var report = await services.GetRequiredService<StorageHealth>().CheckAsync(Ct);

        Assert.Equal(HealthReport.Healthy, report.Status);
        Assert.Equal(["blobs", "queues", "tables"], report.Checks.Keys.Order());
    }

    [Fact]
    public async Task CheckAsync_NothingListening_IsUnhealthyWithinTheDeadline()
    {
        // Port 9 (discard) is closed on loopback: every call fails at once.
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.SettingName] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        }).Build());
        var health = new StorageHealth(account.CreateBlobServiceClient(), account.CreateQueueServiceClient(), account.CreateTableServiceClient());

        var report = await health.CheckAsync(Ct);

        Assert.Equal(HealthReport.Unhealthy, report.Status);
        Assert.All(report.Checks.Values, s => Assert.Equal(HealthReport.Unhealthy, s));
    }
}
