using Intake.Core.Access;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests.Faults;

/// <summary>
/// The self-host, as its own process, killed with SIGKILL while clients are sending, then started
/// again over the same (on-disk) storage. Nothing of the host's shutdown code runs.
/// </summary>
public sealed class HostCrashTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"intake-crash-{Guid.NewGuid():N}");
    private AzuriteInstance? _azurite;
    private SelfHostProcess? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(_data, Ct);
        _host = await SelfHostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["DigestSchedule"] = "0 0 6 * * *",
                ["ReconcileSchedule"] = "*/5 * * * * *",
                // Messages the dead host had taken stay invisible for the queue runtime's lease
                // (minutes); the restarted host's start-up pass re-drives rows left 'received'.
                ["Intake:RedriveAfter"] = "00:00:02",
            },
            Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task HostKilledMidStream_EveryAcknowledgedReportIsKeptIndexedAndProcessedOnce()
    {
        var host = _host!;
        var storage = new StoredReports(_azurite!.ConnectionString);
        var token = await StoredTokens.IssueAsync(_azurite.ConnectionString, CallerKind.Submitter, "crash-test form client", Ct);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.WithBearer(token);
        using var stream = SubmissionStream.Start(client, clients: 8);

        await stream.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(30), Ct);
        await host.KillAsync();
        var acknowledgedBeforeKill = stream.Acknowledged.Count;
        // Down for longer than the re-drive interval, as a crashed host is before it restarts.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await host.StartAgainAsync(Ct);
        await stream.WaitForAcknowledgedAsync(acknowledgedBeforeKill + 40, TimeSpan.FromSeconds(30), Ct);
        await stream.StopAsync(finishWithin: TimeSpan.FromSeconds(30));

        // The kill cut connections (transport errors), but no request was answered with a server error.
        Assert.Empty(stream.Pending);
        Assert.Contains(stream.Answers, a => a.TransportError is not null);
        Assert.DoesNotContain(stream.Answers, a => a.Status >= 500);
        var acknowledged = stream.Acknowledged.Values.ToList();
        var rows = await AcknowledgedReportsAssert.AllKeptAndProcessedAsync(storage, acknowledged, TimeSpan.FromSeconds(45), Ct);

        // Every stored submission, acknowledged or cut off before its answer, has exactly one row.
        var rawIds = await storage.RawIdsAsync(Ct);
        Assert.Equal(rawIds.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));

        // A processed report stays as it is: re-drives and late duplicate messages change nothing.
        var processedAt = acknowledged.ToDictionary(r => r.Id, r => rows[r.Id].GetDateTimeOffset("ProcessedAt"), StringComparer.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        var later = await storage.RowsAsync(Ct);
        foreach (var report in acknowledged)
        {
            Assert.Equal("processed", later[report.Id].GetString("Status"));
            Assert.Equal(processedAt[report.Id], later[report.Id].GetDateTimeOffset("ProcessedAt"));
        }
    }
}
