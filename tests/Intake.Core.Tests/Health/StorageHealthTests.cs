using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    public async Task CheckAsync_NothingListening_IsUnhealthy()
    {
        // Port 9 (discard) is closed on loopback: every call is refused at once.
        var report = await HealthAt("127.0.0.1:9").CheckAsync(Ct);

        Assert.Equal(HealthReport.Unhealthy, report.Status);
        Assert.All(report.Checks.Values, s => Assert.Equal(HealthReport.Unhealthy, s));
    }

    [Fact]
    public async Task CheckAsync_StorageAcceptsButNeverAnswers_IsUnhealthyWithinTheDeadline()
    {
        // The outage a refused connection does not show: storage that takes the connection and
        // then says nothing. Without the probe's own deadline the SDK would wait and retry for minutes.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var held = new List<TcpClient>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await blackHole.AcceptTcpClientAsync(stop.Token));
            }
        }, Ct);
        var health = HealthAt($"127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}");

        var clock = Stopwatch.StartNew();
        var report = await health.CheckAsync(Ct);
        clock.Stop();

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        held.ForEach(c => c.Dispose());
        Assert.Equal(HealthReport.Unhealthy, report.Status);
        Assert.All(report.Checks.Values, s => Assert.Equal(HealthReport.Unhealthy, s));
        Assert.NotEmpty(held);
        // The documented 3 s per probe plus room for a loaded 2-core machine; far below what the SDK alone would take.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the check took {clock.Elapsed}");
    }

    private static StorageHealth HealthAt(string hostAndPort)
    {
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.SettingName] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"BlobEndpoint=http://{hostAndPort}/devstoreaccount1;QueueEndpoint=http://{hostAndPort}/devstoreaccount1;TableEndpoint=http://{hostAndPort}/devstoreaccount1;",
        }).Build());
        return new StorageHealth(account.CreateBlobServiceClient(), account.CreateQueueServiceClient(), account.CreateTableServiceClient());
    }
}
