using System.Text.Json.Nodes;
using Intake.Core.Digest;
using Intake.Core.Http;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Digest;

/// <summary><c>GET /api/digests</c>: the days that have a digest, newest first, bounded, paged, across years.</summary>
[Collection(StorageCollection.Name)]
public sealed class DigestDayListTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static JsonNode BodyOf(ApiAnswer answer)
    {
        Assert.Equal(200, answer.StatusCode);
        return JsonNode.Parse(answer.Body)!;
    }

    [Fact]
    public async Task ListDaysAsync_DaysAcrossYearsNewestFirst_PagedWithBefore_OtherFilesIgnored()
    {
        var api = _services.GetRequiredService<DigestApi>();
        Assert.Empty((BodyOf(await api.ListDaysAsync(null, null, Ct)))["days"]!.AsArray());

        var archive = _services.GetRequiredService<DigestArchive>();
        DateOnly[] days = [new(2024, 12, 31), new(2025, 1, 2), new(2025, 1, 1), new(2025, 3, 10)];
        foreach (var day in days)
        {
            await archive.SaveAsync(day, DigestArchive.JsonFile, "{}"u8.ToArray(), "application/json", Ct);
            await archive.SaveAsync(day, DigestArchive.HtmlFile, "<p></p>"u8.ToArray(), "text/html", Ct);
            await archive.MarkLatestAsync(day, Ct);
        }

        // A day with only a chart has no digest.
        await archive.SaveAsync(new DateOnly(2025, 2, 1), DigestArchive.ChartFile("SD"), [1], "image/png", Ct);

        var all = BodyOf(await api.ListDaysAsync(null, null, Ct));
        Assert.Equal(["2025-03-10", "2025-01-02", "2025-01-01", "2024-12-31"], all["days"]!.AsArray().Select(d => (string)d!));
        Assert.Null(all["before"]);

        var first = BodyOf(await api.ListDaysAsync(null, "2", Ct));
        Assert.Equal(["2025-03-10", "2025-01-02"], first["days"]!.AsArray().Select(d => (string)d!));
        var next = BodyOf(await api.ListDaysAsync((string)first["before"]!, "2", Ct));
        Assert.Equal(["2025-01-01", "2024-12-31"], next["days"]!.AsArray().Select(d => (string)d!));

        Assert.Equal(400, (await api.ListDaysAsync("yesterday", null, Ct)).StatusCode);
        Assert.Equal(400, (await api.ListDaysAsync(null, "0", Ct)).StatusCode);
        Assert.Equal(400, (await api.ListDaysAsync(null, "367", Ct)).StatusCode);
    }
}
