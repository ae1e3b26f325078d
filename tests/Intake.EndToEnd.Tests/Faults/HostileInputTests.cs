using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CsCheck;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests.Faults;

/// <summary>Property-based: generated malformed and extreme requests through real HTTP.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileInputTests(SelfHostFixture fixture)
{
    private static readonly int[] ExpectedRejections = [400, 413, 415, 422];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostReport_10000GeneratedMalformedOrExtremeRequests_NeverA5xxAndNothingStoredForRejected()
    {
        var accepted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var rejectedIds = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var statuses = new ConcurrentDictionary<int, int>();

        await HostileRequests.Any.SampleAsync(
            async request =>
            {
                using var response = await request.SendAsync(fixture.Host.Client, Ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Assert.True(status < 500, $"{status} for {request}: {await response.Content.ReadAsStringAsync(Ct)}");
                if (response.IsSuccessStatusCode)
                {
                    var id = (string)(await response.ReadJsonAsync(Ct))["reportId"]!;
                    accepted[id] = 0;
                }
                else
                {
                    foreach (var id in HostileRequests.MentionedIds(request.Body))
                    {
                        rejectedIds[id] = 0;
                    }
                }
            },
            iter: 10_000,
            threads: 4,
            print: r => r.ToString());

        var storage = new StoredReports(fixture.Host.Azurite.ConnectionString);
        var raw = await storage.RawIdsAsync(Ct);
        var rows = await storage.RowsAsync(Ct);
        var rejectedOnly = rejectedIds.Keys.Where(id => !accepted.ContainsKey(id)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; {accepted.Count} accepted, {rejectedOnly.Count} rejected ids checked.");

        Assert.Equal(10_000, statuses.Values.Sum());
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) >= 8_000, "The generators produced too few rejected requests to mean anything.");
        Assert.All(ExpectedRejections, status => Assert.True(statuses.ContainsKey(status), $"No {status} answer was generated."));
        Assert.All(rejectedOnly, id => Assert.DoesNotContain(id, raw));
        Assert.All(rejectedOnly, id => Assert.False(rows.ContainsKey(id), $"A row exists for rejected {id}."));
        Assert.All(accepted.Keys, id => Assert.Contains(id, raw));
    }
}
