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
        _host = await SelfHostInstance.StartAsync(
            OutageSettings.Create(),
            _data,
            Ct);

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

    [Fact]
    public async Task StorageStoppedMidStream_ClientsGet503WithRetryAfterNeverAHang_ThenEveryAcknowledgedReportIsProcessed()
    {
        var host = _host!;
        using var stream = SubmissionStream.Start(host.Client, clients: 8);
        await stream.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(30), Ct);

        await host.Azurite.StopAsync();
        var outageStarted = DateTimeOffset.UtcNow;
        await stream.WaitForAnswersAsync(a => a.Count(x => x.Status == 503 && x.At > outageStarted) >= 16, "503 answers during the outage", TimeSpan.FromSeconds(30), Ct);
        using (var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("unhealthy", (string)(await health.ReadJsonAsync(Ct))["status"]!);
        }

        await host.Azurite.StartProcessAsync(Ct);
        var outageEnded = DateTimeOffset.UtcNow;
        await host.WaitUntilHealthyAsync(Ct);
        var acknowledgedAtRestart = stream.Acknowledged.Count;
        await stream.WaitForAcknowledgedAsync(acknowledgedAtRestart + 40, TimeSpan.FromSeconds(45), Ct);
        await stream.StopAsync(finishWithin: TimeSpan.FromSeconds(30));

        var answers = stream.Answers.ToList();
        var duringOutage = answers.Where(a => a.At > outageStarted && a.At < outageEnded).ToList();
        Assert.Empty(stream.Pending);
        Assert.All(answers, a => Assert.Null(a.TransportError));
        Assert.All(answers, a => Assert.True(a.Status is < 500 or 503, $"Answered {a.Status}."));
        Assert.All(answers.Where(a => a.Status == 503), a => Assert.True(a.HasRetryAfter, "A 503 without Retry-After."));
        // No hang: an answer comes within the storage timeout for the blob write plus one for indexing, with slack.
        Assert.All(answers, a => Assert.True(a.Elapsed < OutageSettings.AnswerBound, $"An answer took {a.Elapsed}."));
        Assert.Contains(duringOutage, a => a.Status == 503);

        // Nothing acknowledged is missing, and the backlog the outage left drains to processed.
        await AcknowledgedReportsAssert.AllKeptAndProcessedAsync(
            new StoredReports(host.Azurite.ConnectionString), stream.Acknowledged.Values.ToList(), TimeSpan.FromSeconds(45), Ct);
    }
}
