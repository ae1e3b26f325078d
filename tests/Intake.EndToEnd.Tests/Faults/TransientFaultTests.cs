using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests.Faults;

/// <summary>
/// Transient storage faults (503 answers and network timeouts) injected between the app and
/// storage, in every storage client the host uses (the pipeline's, and the WebJobs queue trigger's
/// own listener): the SDK's retry layer absorbs them.
/// </summary>
public sealed class TransientFaultTests : IAsyncLifetime
{
    private readonly StorageFaultInjector _faults = new(fraction: 0.25, seed: 7, failuresPerRequest: 2);
    private SelfHostInstance? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?>(),
            location: null,
            services => services.AddSingleton(new StorageClientTransport(_faults)),
            Ct);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task StorageFaultsOnAQuarterOfRequests_EveryReportIsAcceptedFirstTimeAndProcessed()
    {
        var host = _host!;
        _faults.Enabled = true;

        using var stream = SubmissionStream.Start(host.Client, clients: 6);
        await stream.WaitForAcknowledgedAsync(80, TimeSpan.FromSeconds(45), Ct);
        await stream.StopAsync(finishWithin: TimeSpan.FromSeconds(30));
        await AcknowledgedReportsAssert.AllKeptAndProcessedAsync(
            new StoredReports(host.Azurite.ConnectionString), stream.Acknowledged.Values.ToList(), TimeSpan.FromSeconds(45), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{_faults.Requests} storage requests, {_faults.InjectedUnavailable} injected 503s, {_faults.InjectedTimeouts} injected timeouts ({_faults.InjectedIntoQueueTrigger} into the queue trigger's receives and deletes); {stream.Answers.Count} answers.");
        // The faults happened: in intake and in processing, both kinds, in numbers.
        Assert.True(_faults.InjectedUnavailable >= 20, $"Only {_faults.InjectedUnavailable} 503s were injected.");
        Assert.True(_faults.InjectedTimeouts >= 20, $"Only {_faults.InjectedTimeouts} timeouts were injected.");
        // Including the queue trigger's own storage calls, which the WebJobs SDK makes with clients of its own.
        Assert.True(_faults.InjectedIntoQueueTrigger >= 3, $"Only {_faults.InjectedIntoQueueTrigger} faults reached the queue trigger's calls.");
        // ... and no client saw them: every report was accepted on its first send.
        Assert.Empty(stream.Pending);
        Assert.All(stream.Answers, a => Assert.Equal(202, a.Status));
    }
}
