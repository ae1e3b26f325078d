using CsCheck;
using Intake.Core.Digest.Tally;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Digest;

[Collection(StorageCollection.Name)]
public sealed class DailyTallyTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DailyTally Tally => _services.GetRequiredService<DailyTally>();

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static ReportClassification Classification(string category = "killing", string admin1 = "North Darfur", int severity = 3, DateOnly? occurred = null) =>
        new(category, category == "killing" ? ["RF2", "RF11"] : ["RF7", "RF9", "RF10"], severity, occurred ?? Day, "day", "SD", admin1, 2, 1, "eyewitness", "unknown");

    private async Task<List<TallyCell>> CellsAsync()
    {
        var cells = new List<TallyCell>();
        await foreach (var cell in Tally.ReadAsync(Day.AddDays(-1), Day, Ct))
        {
            cells.Add(cell);
        }

        return cells;
    }

    [Fact]
    public async Task RecordAsync_SameReportTwice_CountsItOnce()
    {
        var report = TalliedReport.From(Guid.NewGuid(), Classification());

        Assert.True(await Tally.RecordAsync(Day, report, Ct));
        Assert.False(await Tally.RecordAsync(Day, report, Ct));

        var cell = Assert.Single(await CellsAsync());
        Assert.Equal((1, 2, 1), (cell.Counts.Reports, cell.Counts.Killed, cell.Counts.Injured));
        Assert.Equal((Day, Day, "SD"), (cell.ReceivedOn, cell.OccurredOn, cell.Country));
    }

    [Fact]
    public async Task RecordAsync_Reclassified_MovesTheReportInsteadOfCountingItTwice()
    {
        var id = Guid.NewGuid();
        await Tally.RecordAsync(Day, TalliedReport.From(id, Classification()), Ct);

        await Tally.RecordAsync(Day, TalliedReport.From(id, Classification("hate-speech-incitement", "West Darfur", 5, Day.AddDays(-2))), Ct);

        var cells = await CellsAsync();
        Assert.Equal(1, cells.Sum(c => c.Counts.Reports));
        var moved = cells.Single(c => c.Counts.Reports == 1);
        Assert.Equal(Day.AddDays(-2), moved.OccurredOn);
        Assert.Equal(1, moved.Counts.Categories["hate-speech-incitement"]);
        Assert.Equal(1, moved.Counts.RiskFactors["RF10"]);
        Assert.Equal(id, Assert.Single(moved.Counts.Notable).ReportId);
        Assert.DoesNotContain(cells, c => c.Counts.Categories.ContainsKey("killing"));
    }

    [Fact]
    public async Task ForgetAsync_CountedReport_TakesItOutOnce()
    {
        var kept = TalliedReport.From(Guid.NewGuid(), Classification());
        var forgotten = TalliedReport.From(Guid.NewGuid(), Classification(severity: 5));
        await Tally.RecordAsync(Day, kept, Ct);
        await Tally.RecordAsync(Day, forgotten, Ct);

        Assert.True(await Tally.ForgetAsync(Day, forgotten.ReportId, Ct));
        Assert.False(await Tally.ForgetAsync(Day, forgotten.ReportId, Ct));

        var cells = await CellsAsync();
        Assert.Equal(1, cells.Sum(c => c.Counts.Reports));
        Assert.DoesNotContain(cells.SelectMany(c => c.Counts.Notable), n => n.ReportId == forgotten.ReportId);
        Assert.True(await Tally.RecordAsync(Day, forgotten, Ct));
        Assert.Equal(2, (await CellsAsync()).Sum(c => c.Counts.Reports));
    }

    [Fact]
    public async Task RecordAsync_ManyProcessorsAtOnce_CountsEveryReportExactlyOnce()
    {
        var reports = Enumerable.Range(0, 60).Select(i => TalliedReport.From(Guid.NewGuid(), Classification(admin1: $"Area {i % 3}"))).ToList();

        // Each report twice, concurrently: contention on the same cells and the same markers.
        await Parallel.ForEachAsync(reports.Concat(reports), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (r, ct) => await Tally.RecordAsync(Day, r, ct));

        var cells = await CellsAsync();
        Assert.Equal(60, cells.Sum(c => c.Counts.Reports));
        Assert.Equal(20, cells.Sum(c => c.Counts.Admin1.GetValueOrDefault("Area 1")));
        Assert.Equal(["Area 0", "Area 1", "Area 2"], cells.Select(c => c.Area).Order(StringComparer.Ordinal));
        Assert.All(cells, c => Assert.Equal(20, c.Counts.Entries.Count));
    }

    [Fact]
    public async Task Record_HundredsOfDistinctLongNonAsciiAreasInOneCell_EveryReportCountedAndTheCellStaysSmall()
    {
        // 100-character names: ten characters a row key cannot hold (each becomes '_'), then 90 Arabic
        // letters. Every name is distinct, every one falls in the same cell; unbounded, 300 of them
        // would take that cell's one JSON property far past the table's 64 KiB limit.
        var gen = Gen.Select(
            Gen.String[Gen.Char['\u0621', '\u064A'], 90, 90],
            Gen.String[Gen.Char["/\\#?|"], 10, 10].HashSet[300],
            Gen.Int[1, 400]);

        await gen.SampleAsync(
            async (stem, marks, daysBack) =>
            {
                var day = Day.AddDays(-daysBack);
                var reports = marks.Select(m => TalliedReport.From(Guid.NewGuid(), Classification(admin1: m + stem, occurred: day))).ToList();

                // Half through the processor's batched path, half one by one; then some taken out again.
                await Tally.RecordNewAsync(day, reports[..150], Ct);
                foreach (var report in reports[150..])
                {
                    Assert.True(await Tally.RecordAsync(day, report, Ct));
                }

                foreach (var report in reports.Where((_, i) => i % 10 == 0))
                {
                    Assert.True(await Tally.ForgetAsync(day, report.ReportId, Ct));
                }

                var cell = Assert.Single(await Tally.ReadDayAsync(day, Ct));
                Assert.Equal(270, cell.Counts.Reports);
                Assert.Equal(270, cell.Counts.Admin1.Values.Sum());
                Assert.InRange(cell.Counts.Admin1.Count, 2, DayTally.AreaCapacity + 1);
                Assert.True(cell.Counts.Admin1[DayTally.OtherAreas] > 200);
                Assert.InRange(System.Text.Json.JsonSerializer.Serialize(cell.Counts, TallyJsonContext.Default.DayTally).Length, 1, 32 * 1024);
            },
            iter: 2,
            threads: 1);
    }

    [Fact]
    public async Task RecordAsync_ReportWithSubmitter_ListsItInItsAreaCellWithTheTokenId()
    {
        var report = TalliedReport.From(Guid.NewGuid(), Classification(admin1: "West Darfur"), "tok-field-7");

        await Tally.RecordAsync(Day, report, Ct);

        var cell = Assert.Single(await CellsAsync());
        Assert.Equal(("SD", "West Darfur"), (cell.Country, cell.Area));
        var entry = Assert.Single(cell.Counts.Entries);
        Assert.Equal((report.ReportId, "tok-field-7", "eyewitness"), (entry.ReportId, entry.SubmitterId, entry.SourceType));
    }

    [Fact]
    public async Task RecordAsync_ReportCountedInAFormerShardCell_MovesOutOfThatCellExactlyOnce()
    {
        // As written before cells were kept per area: a shard cell of the country and a marker without its cell's name.
        var id = Guid.NewGuid();
        var before = TalliedReport.From(id, Classification());
        var legacy = new DayTally();
        legacy.Add(before, 1);
        legacy.Add(TalliedReport.From(Guid.NewGuid(), Classification()), 1);
        var table = _services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(Intake.Core.Configuration.StorageNames.DigestTallyTable);
        var partition = ReportIndex.PartitionKey(Day);
        var shard = BitConverter.ToUInt32(id.ToByteArray(), 0) % 8;
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(partition, $"t|{before.OccurredKey}|SD|{shard:D2}")
        {
            ["OccurredOn"] = before.OccurredKey,
            ["Country"] = "SD",
            ["Counts"] = System.Text.Json.JsonSerializer.Serialize(legacy, TallyJsonContext.Default.DayTally),
        }, Ct);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(partition, $"r|{id:D}")
        {
            ["Counted"] = System.Text.Json.JsonSerializer.Serialize(before, TallyJsonContext.Default.TalliedReport),
        }, Ct);

        Assert.True(await Tally.RecordAsync(Day, TalliedReport.From(id, Classification(admin1: "West Darfur"), "tok-1"), Ct));
        Assert.False(await Tally.RecordAsync(Day, TalliedReport.From(id, Classification(admin1: "West Darfur"), "tok-1"), Ct));

        var cells = await CellsAsync();
        Assert.Equal(2, cells.Sum(c => c.Counts.Reports));
        Assert.Equal(1, cells.Single(c => c.Area == TalliedReport.Unknown).Counts.Reports);
        Assert.Equal(id, Assert.Single(cells.Single(c => c.Area == "West Darfur").Counts.Entries).ReportId);
    }

    [Fact]
    public async Task ReadAsync_ReturnsOnlyCellsOfTheDaysAsked()
    {
        await Tally.RecordAsync(Day, TalliedReport.From(Guid.NewGuid(), Classification()), Ct);
        await Tally.RecordAsync(Day.AddDays(1), TalliedReport.From(Guid.NewGuid(), Classification()), Ct);
        await Tally.RecordAsync(Day.AddDays(-5), TalliedReport.From(Guid.NewGuid(), Classification(occurred: Day.AddDays(-5))), Ct);

        var cells = await CellsAsync();

        Assert.Equal(Day, Assert.Single(cells).ReceivedOn);
    }
}
