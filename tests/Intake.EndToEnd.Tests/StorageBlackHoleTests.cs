using System.Diagnostics;
using System.Net;
using System.Text;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// Storage that takes connections and never answers: the self-host reaches its Azurite through a
/// <see cref="BlackHoleProxy"/> per service, switched into a black hole mid-stream and back. Unlike a
/// stopped Azurite (<see cref="OutageTests"/>), nothing is refused, so only the host's own timeouts
/// stand between a client and a hang.
/// </summary>
public sealed class StorageBlackHoleTests : IAsyncLifetime
{
    private static readonly TimeSpan AnswerBound = OutageSettings.AnswerBound;

    private readonly List<BlackHoleProxy> _proxies = [];
    private SelfHostInstance? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await SelfHostInstance.StartAsync(
            OutageSettings.Create(),
            location: null,
            services: null,
            azurite =>
            {
                _proxies.AddRange([BlackHoleProxy.Start(azurite.BlobPort), BlackHoleProxy.Start(azurite.QueuePort), BlackHoleProxy.Start(azurite.TablePort)]);
                return AzuriteInstance.ConnectionStringVia(_proxies[0].Port, _proxies[1].Port, _proxies[2].Port);
            },
            Ct);

    public async ValueTask DisposeAsync()
    {
        // Forwarding again first: a host stopping behind a black hole (a failed test) would wait on it.
        _proxies.ForEach(p => p.Restore());
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _proxies.ForEach(p => p.Dispose());
    }

    [Fact]
    public async Task StorageBlackHoledMidStream_EveryAnswerWithinTheBoundIs503WithRetryAfter_SameRetryAfterwardsIs202AndNothingAcknowledgedIsLost()
    {
        var host = _host!;
        var phases = Stopwatch.StartNew();
        void Note(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{phases.Elapsed.TotalSeconds:F1} s: {what}");
        // A client that gives up well after the bound, so that a broken bound fails the test, not hangs it.
        var client = host.CreateClient(host.SubmitterToken.Secret);
        client.Timeout = AnswerBound + TimeSpan.FromSeconds(10);
        using var stream = SubmissionStream.Start(client, clients: 8);
        await stream.WaitForAcknowledgedAsync(30, TimeSpan.FromSeconds(30), Ct);

        Note("acknowledged before");
        _proxies.ForEach(p => p.BlackHole());
        var outageStarted = DateTimeOffset.UtcNow;
        // One client's report, sent during the black hole and sent again (the same bytes) afterwards.
        var report = Encoding.UTF8.GetBytes(ReportClient.NewReport().ToJsonString());
        var clock = Stopwatch.StartNew();
        using var refused = await client.PostRawAsync(report, "application/json", Ct);
        var refusedAfter = clock.Elapsed;
        var problem = await refused.ReadJsonAsync(Ct);
        clock.Restart();
        using var health = await host.AnonymousClient.GetAsync(new Uri("/api/health", UriKind.Relative), Ct);
        var healthAfter = clock.Elapsed;
        await stream.WaitForAnswersAsync(a => a.Count(x => x.At > outageStarted) >= 16, "16 answers in the black hole", TimeSpan.FromSeconds(60), Ct);
        var held = _proxies.Sum(p => p.HeldConnections);
        Note($"503s in the black hole; {held} connections held; the submission took {refusedAfter}, health {healthAfter}");

        _proxies.ForEach(p => p.Restore());
        var outageEnded = DateTimeOffset.UtcNow;
        await host.WaitUntilHealthyAsync(Ct);
        Note("healthy again");
        using var retried = await client.PostRawAsync(report, "application/json", Ct);
        var acknowledgedAtRestore = stream.Acknowledged.Count;
        await stream.WaitForAcknowledgedAsync(acknowledgedAtRestore + 30, TimeSpan.FromSeconds(60), Ct);
        await stream.StopAsync(finishWithin: TimeSpan.FromSeconds(30));
        Note($"acknowledged after; slowest answer {stream.Answers.Max(a => a.Elapsed)}, {stream.Answers.Count(a => a.Status == 503)} answers 503");

        // In the black hole: the client's report is refused as "not received, send again", in time;
        // health says unhealthy in time; the proxy really held connections nobody answered.
        Assert.True(held > 0, "The black hole held no connection: the test did not test a black hole.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("storage-unavailable", (string)problem["code"]!);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.True(refusedAfter < AnswerBound, $"The submission took {refusedAfter}.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (string)(await health.ReadJsonAsync(Ct))["status"]!);
        Assert.True(healthAfter < AnswerBound, $"Health took {healthAfter}.");

        // Every answer of the stream, before, in and after the black hole: a status (never a broken
        // connection), never a 5xx other than 503, every 503 with Retry-After, none later than the bound.
        var answers = stream.Answers.ToList();
        Assert.Empty(stream.Pending);
        Assert.All(answers, a => Assert.Null(a.TransportError));
        Assert.All(answers, a => Assert.True(a.Status is < 500 or 503, $"Answered {a.Status}."));
        Assert.All(answers.Where(a => a.Status == 503), a => Assert.True(a.HasRetryAfter, "A 503 without Retry-After."));
        Assert.All(answers, a => Assert.True(a.Elapsed < AnswerBound, $"An answer took {a.Elapsed}."));
        Assert.Contains(answers, a => a.Status == 503 && a.At > outageStarted && a.At < outageEnded);

        // Afterwards: the same client's retry is received, and nothing acknowledged is lost: every
        // acknowledged report is stored whole, indexed and processed.
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var retriedId = (string)(await retried.ReadJsonAsync(Ct))["reportId"]!;
        await host.Client.WaitForStatusAsync(retriedId, "processed", TimeSpan.FromSeconds(45), Ct);
        await AcknowledgedReportsAssert.AllKeptAndProcessedAsync(
            new StoredReports(host.Azurite.ConnectionString), stream.Acknowledged.Values.ToList(), TimeSpan.FromSeconds(45), Ct);
        Note($"{stream.Acknowledged.Count} acknowledged reports kept and processed");
    }
}
