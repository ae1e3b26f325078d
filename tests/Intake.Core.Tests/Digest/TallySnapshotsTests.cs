using System.Text.Json;
using Intake.Core.Digest;
using Intake.Core.Digest.Rendering;
using Intake.Core.Digest.Tally;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Digest;

[Collection(StorageCollection.Name)]
public sealed class TallySnapshotsTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    // Ten days later: every day up to Day is closed, so it is read through its snapshot.
    private FakeTimeProvider _time = new(new DateTimeOffset(Day.AddDays(10), new TimeOnly(9, 0), TimeSpan.Zero));
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= storage.BuildServices(_time);

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private static TalliedReport Report(DateOnly occurred, string category = "killing", string country = "SD", string admin1 = "North Darfur", Guid? id = null) =>
        TalliedReport.From(id ?? Guid.NewGuid(), new ReportClassification(
            category, category == "killing" ? ["RF2", "RF11"] : ["RF7", "RF9", "RF10"], 3, occurred, "day", country, admin1, 2, 1, "eyewitness", "unknown"));

    private static async Task<string> ReadAsync(ServiceProvider services, DateOnly first, DateOnly last)
    {
        var cells = new List<TallyCell>();
        await foreach (var cell in services.GetRequiredService<TallySnapshots>().ReadAsync(first, last, Ct))
        {
            cells.Add(cell);
        }

        return JsonSerializer.Serialize(cells);
    }

    private static async Task<string> ReadLiveAsync(ServiceProvider services, DateOnly first, DateOnly last)
    {
        var cells = new List<TallyCell>();
        await foreach (var cell in services.GetRequiredService<DailyTally>().ReadAsync(first, last, Ct))
        {
            cells.Add(cell);
        }

        return JsonSerializer.Serialize(cells);
    }

    [Fact]
    public async Task ReadAsync_ClosedDaysUnchanged_BuildsEachSnapshotOnceThenReusesIt()
    {
        var tally = Services.GetRequiredService<DailyTally>();
        await tally.RecordAsync(Day, Report(Day), Ct);
        await tally.RecordAsync(Day, Report(Day, "hate-speech-incitement", admin1: "West Darfur"), Ct);
        await tally.RecordAsync(Day.AddDays(-1), Report(Day.AddDays(-1)), Ct);
        var live = await ReadLiveAsync(Services, Day.AddDays(-2), Day);

        var built = await ReadAsync(Services, Day.AddDays(-2), Day);
        var cached = await ReadAsync(Services, Day.AddDays(-2), Day);
        await using var restarted = storage.BuildServices(_time);
        var downloaded = await ReadAsync(restarted, Day.AddDays(-2), Day);

        Assert.Equal(live, built);
        Assert.Equal(live, cached);
        Assert.Equal(live, downloaded);
        Assert.Equal(new TallySnapshotReads(0, 3, 0, 3), Services.GetRequiredService<TallySnapshots>().Reads);
        Assert.Equal(new TallySnapshotReads(0, 0, 3, 0), restarted.GetRequiredService<TallySnapshots>().Reads);
    }

    [Fact]
    public async Task ReadAsync_OldReportMovedAfterItsSnapshot_ReadsTheMoveAndRebuildsOnlyThatDay()
    {
        var tally = Services.GetRequiredService<DailyTally>();
        var id = Guid.NewGuid();
        await tally.RecordAsync(Day, Report(Day, id: id), Ct);
        await tally.RecordAsync(Day.AddDays(-1), Report(Day.AddDays(-1)), Ct);
        await ReadAsync(Services, Day.AddDays(-1), Day);

        // A forced reprocess, ten days on, classifies the report again: another area and category.
        await tally.RecordAsync(Day, Report(Day, "hate-speech-incitement", admin1: "West Darfur", id: id), Ct);
        var after = await ReadAsync(Services, Day.AddDays(-1), Day);

        Assert.Equal(await ReadLiveAsync(Services, Day.AddDays(-1), Day), after);
        var cells = JsonSerializer.Deserialize<List<TallyCell>>(after)!.Where(c => c.ReceivedOn == Day).ToList();
        Assert.Equal(1, cells.Single(c => c.Area == "West Darfur").Counts.Reports);
        Assert.Equal(0, cells.Where(c => c.Area == "North Darfur").Sum(c => c.Counts.Reports));
        Assert.Equal(new TallySnapshotReads(0, 1, 0, 3), Services.GetRequiredService<TallySnapshots>().Reads);
    }

    [Fact]
    public async Task ReadAsync_TodayAndYesterdayUntilAnHourAfterMidnight_AreReadLiveAndNeverSnapshotted()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(Day.AddDays(1), new TimeOnly(0, 30), TimeSpan.Zero));
        var tally = Services.GetRequiredService<DailyTally>();
        await tally.RecordAsync(Day, Report(Day), Ct);

        await ReadAsync(Services, Day, Day.AddDays(1));
        await tally.RecordAsync(Day.AddDays(1), Report(Day.AddDays(1)), Ct);
        var second = await ReadAsync(Services, Day, Day.AddDays(1));

        Assert.Equal(await ReadLiveAsync(Services, Day, Day.AddDays(1)), second);
        Assert.Equal(new TallySnapshotReads(4, 0, 0, 0), Services.GetRequiredService<TallySnapshots>().Reads);
    }

    [Fact]
    public async Task PublishAsync_ReprocessOfAnOldDayAfterItsSnapshot_ShowsInTheNextDigest()
    {
        var tally = Services.GetRequiredService<DailyTally>();
        var moved = Guid.NewGuid();
        await tally.RecordAsync(Day.AddDays(-3), Report(Day.AddDays(-3), id: moved), Ct);
        await tally.RecordAsync(Day.AddDays(-2), Report(Day.AddDays(-2)), Ct);
        await tally.RecordAsync(Day, Report(Day), Ct);
        var publisher = Services.GetRequiredService<DigestPublisher>();
        var compiler = Services.GetRequiredService<DigestCompiler>();

        var first = await publisher.PublishAsync(Day, Ct);
        var live = compiler.Compile(Day, JsonSerializer.Deserialize<List<TallyCell>>(await ReadLiveAsync(Services, compiler.FirstReceivedDay(Day), Day))!, first.Pipeline);
        await tally.RecordAsync(Day.AddDays(-3), Report(Day.AddDays(-3), country: "SS", admin1: "Unity", id: moved), Ct);
        var second = await publisher.PublishAsync(Day, Ct);

        // The same digest with and without snapshots ...
        Assert.Equal(DigestJson.Serialize(live), DigestJson.Serialize(first));
        // ... and the report moved out of Sudan's day three days back in the next one.
        Assert.Equal(1, first.Regions.Single(r => r.Region == "SD").Occurred.Last14Days.Single(d => d.Day == Day.AddDays(-3)).Incidents);
        Assert.Equal(0, second.Regions.Single(r => r.Region == "SD").Occurred.Last14Days.Single(d => d.Day == Day.AddDays(-3)).Incidents);
        // Every day closed: built once, then reused, but for the one day that changed.
        var days = Day.DayNumber - compiler.FirstReceivedDay(Day).DayNumber + 1;
        Assert.Equal(new TallySnapshotReads(0, days - 1, 0, days + 1), Services.GetRequiredService<TallySnapshots>().Reads);
    }
}
