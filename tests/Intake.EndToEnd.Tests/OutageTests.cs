using System.Net;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests;

/// <summary>A storage outage, with its own host and an Azurite that keeps its data on disk across the restart.</summary>
public sealed class OutageTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"intake-outage-{Guid.NewGuid():N}");
    private SelfHostInstance? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await SelfHostInstance.StartAsync(new Dictionary<string, string?>(), _data, Ct);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task StorageDown_HealthAndSubmissionsAre503WithRetryAfter_ThenRecover()
    {
        var host = _host!;
        await host.Azurite.StopAsync();

        using var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative), Ct);
        using var submit = await host.Client.PostAsync(ReportClient.NewReport(), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (string)(await health.ReadJsonAsync(Ct))["status"]!);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.NotNull(submit.Headers.RetryAfter);
        Assert.Equal("storage-unavailable", (string)(await submit.ReadJsonAsync(Ct))["code"]!);

        await host.Azurite.StartProcessAsync(Ct);
        await host.WaitUntilHealthyAsync(Ct);
        var report = ReportClient.NewReport();
        using var after = await host.Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        await host.Client.WaitForStatusAsync((string)report["submissionId"]!, "processed", TimeSpan.FromSeconds(30), Ct);
    }
}
