using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Rendering;
using Intake.Core.Digest.Tally;
using Intake.Core.Hosting;
using Intake.Core.Storage;
using Intake.Core.Taxonomy;
using Intake.DigestBenchmark;
using Intake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Compile-time benchmark of the daily digest and its alerts against its own Azurite.
//   dotnet run -c Release --project bench/Intake.DigestBenchmark [-- --reports 10000,100000] [--areas 2000] [--history 80] [--backtest 30] [--sample <folder>] [--index-rows processed|unprocessed]
// Seeds the tally (and the index rows the pipeline-health query scans) for days of N reports over
// the given areas, on top of a background history, then times DigestPublisher.PublishAsync (read
// the tally, compile with the alerts, render, store) and a backtest of the last days, as they run
// the morning after the digest day: closed days from their snapshots (built beforehand, as earlier
// mornings would have), the digest day live.
var sizes = Option("--reports")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [10_000, 100_000];
var areas = int.Parse(Option("--areas") ?? "180", CultureInfo.InvariantCulture);
var history = int.Parse(Option("--history") ?? "31", CultureInfo.InvariantCulture);
var backtestDays = int.Parse(Option("--backtest") ?? "0", CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs") ?? "3", CultureInfo.InvariantCulture);
var sample = Option("--sample");
// "processed": one index row per report of the day, as the pipeline leaves them (the digest's health
// query filters them out in storage); "unprocessed": only the few failed or waiting rows, for sizes
// where writing a row per report into the emulator takes longer than the run is worth (1,000,000).
var indexRows = Option("--index-rows") ?? "processed";
Console.WriteLine($"Started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {LoadAverage()}");

await using var azurite = await AzuriteInstance.StartAsync();
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    [StorageAccount.SettingName] = azurite.ConnectionString,
    ["Digest:OutboxPath"] = sample ?? Path.Combine(Path.GetTempPath(), "intake-bench-outbox"),
}).Build();
var morning = new DigestMorning();
ServiceProvider Host() => new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(morning).AddIntakeCore(configuration).BuildServiceProvider();
await using var services = Host();
await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync();
var taxonomy = services.GetRequiredService<CategoryTaxonomy>();

Console.WriteLine($"Digest compile benchmark; Azurite on 127.0.0.1:{azurite.TablePort}; {Environment.ProcessorCount} cores; {areas} areas; {history} days of history");
var day = new DateOnly(2026, 6, 30);
foreach (var size in sizes)
{
    day = day.AddDays(history + 30); // each size on its own days, so they do not mix
    var seeding = Stopwatch.StartNew();
    var (cells, rows) = await SeedAsync(day, size, areas, history, taxonomy, services, indexRows == "processed");
    Console.WriteLine($"  {size,7:N0} reports: seeded {cells:N0} tally cells and {rows:N0} index rows in {seeding.Elapsed.TotalSeconds:0.0} s"
        + (indexRows == "processed" ? "" : " (the tally seeded directly, as the processor would have counted the reports; only the day's unprocessed index rows written, not one per report)"));

    // 06:00 the next morning: today is open (read live), the digest day and every earlier day are closed.
    morning.Now = new DateTimeOffset(day.AddDays(1), new TimeOnly(6, 0), TimeSpan.Zero);
    var compiler = services.GetRequiredService<DigestCompiler>();
    var backtestFrom = day.AddDays(-Math.Max(backtestDays, 1) + 1);
    var first = new[] { compiler.FirstReceivedDay(day), services.GetRequiredService<AlertBacktest>().FirstReceivedDay(backtestFrom) }.Min();

    // What earlier mornings built: a snapshot of every closed day before the digest day.
    var preparing = Stopwatch.StartNew();
    var prepared = 0;
    await using (var earlier = Host())
    {
        await foreach (var cell in earlier.GetRequiredService<TallySnapshots>().ReadAsync(first, day.AddDays(-1)))
        {
            prepared++;
        }

        Console.WriteLine($"  {size,7:N0} reports: built the snapshots of {day.AddDays(-1).DayNumber - first.DayNumber + 1} closed days ({prepared:N0} cells) in {preparing.Elapsed.TotalSeconds:0.0} s: once per day in production ({Reads(earlier)})");
    }

    // The morning's run in a fresh host (a Functions instance starts cold) that builds the digest
    // day's snapshot (with flash alerts on, the sweep has built it after 01:00); then a fresh host
    // that finds it; then again in the same process.
    await using (var building = Host())
    {
        var watch = Stopwatch.StartNew();
        var digest = await building.GetRequiredService<DigestPublisher>().PublishAsync(day);
        Console.WriteLine($"  {size,7:N0} reports: compile+render+store (fresh host, builds the day's snapshot): {watch.Elapsed.TotalMilliseconds,8:N0} ms ({digest.Regions.Count} regions, {digest.Alerts.Count} alerts, {digest.Pipeline.Received:N0} received; {Reads(building)})");
    }

    await using (var host = Host())
    {
        var publisher = host.GetRequiredService<DigestPublisher>();
        for (var run = 1; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var digest = await publisher.PublishAsync(day);
            watch.Stop();
            Console.WriteLine($"  {size,7:N0} reports: compile+render+store run {run}{(run == 1 ? " (fresh host, every snapshot stored)" : " (same host)")}: {watch.Elapsed.TotalMilliseconds,8:N0} ms ({digest.Regions.Count} regions, {digest.Alerts.Count} alerts; {Reads(host)})");
        }

        // Where the time goes: reading the cells (snapshots in memory, the open days live), compiling, rendering.
        var phase = Stopwatch.StartNew();
        var read = new List<TallyCell>();
        await foreach (var cell in host.GetRequiredService<TallySnapshots>().ReadAsync(compiler.FirstReceivedDay(day), day))
        {
            read.Add(cell);
        }

        var reading = phase.Elapsed;
        phase.Restart();
        var live = 0;
        await foreach (var cell in host.GetRequiredService<DailyTally>().ReadAsync(day, day))
        {
            live++;
        }

        var readingLive = phase.Elapsed;
        phase.Restart();
        await host.GetRequiredService<ReportIndex>().CountUnprocessedAsync(day);
        var health = phase.Elapsed;
        phase.Restart();
        var compiled = compiler.Compile(day, read, new PipelineHealth(0, 0, 0, 0));
        var compiling = phase.Elapsed;
        phase.Restart();
        var rendered = DigestJson.Serialize(compiled).Length + DigestMarkdown.Render(compiled, null).Length + DigestHtml.Render(compiled, null, _ => "cid:x").Length;
        Console.WriteLine($"  {size,7:N0} reports: phases: read {read.Count:N0} cells {reading.TotalMilliseconds:N0} ms (the day's {live:N0} cells from the table instead: {readingLive.TotalMilliseconds:N0} ms), pipeline health query {health.TotalMilliseconds:N0} ms, compile in process {compiling.TotalMilliseconds:N0} ms, render JSON+Markdown+HTML ({rendered / 1024:N0} KiB) {phase.Elapsed.TotalMilliseconds:N0} ms; managed heap {GC.GetTotalMemory(false) / 1024 / 1024:N0} MiB");
    }

    if (backtestDays > 0)
    {
        await using var host = Host();
        foreach (var label in new[] { "fresh host", "same host again" })
        {
            var backtest = host.GetRequiredService<AlertBacktest>();
            var last = -1;
            var progress = new SyncProgress<BacktestProgress>(p =>
            {
                if (p.Phase == "replaying" && p.Done * 10 / p.Total != last)
                {
                    last = p.Done * 10 / p.Total;
                    Console.WriteLine($"    backtest: {p.Done}/{p.Total} days");
                }
            });
            var readDone = TimeSpan.Zero;
            var watch = Stopwatch.StartNew();
            var result = await backtest.RunAsync(backtestFrom, day, progress: new SyncProgress<BacktestProgress>(p =>
            {
                if (p.Phase == "replaying" && p.Done == 1)
                {
                    readDone = watch.Elapsed;
                }

                progress.Report(p);
            }));
            watch.Stop();
            Console.WriteLine($"  {size,7:N0} reports: backtest of {backtestDays} days ({label}): {watch.Elapsed.TotalMilliseconds,8:N0} ms ({result.CellsRead:N0} cells read, {result.Days.Sum(d => d.New)} new and {result.Days.Sum(d => d.Ongoing)} ongoing alerts); reading and first day {readDone.TotalMilliseconds:N0} ms, the other days {(watch.Elapsed - readDone).TotalMilliseconds:N0} ms ({Reads(host)})");
        }
    }
}

Console.WriteLine($"Finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {LoadAverage()}");

if (sample is not null)
{
    Directory.CreateDirectory(sample);
    var archive = services.GetRequiredService<DigestArchive>();
    foreach (var file in new[] { DigestArchive.JsonFile, DigestArchive.MarkdownFile, DigestArchive.HtmlFile, DigestArchive.ChartFile("SD") })
    {
        await File.WriteAllBytesAsync(Path.Combine(sample, file), (await archive.ReadAsync(day, file))!);
    }

    await services.GetRequiredService<SubscriberStore>().AddAsync(new Subscriber(Guid.NewGuid(), "analyst@example.org", ["SD", "HT"], "en"));
    await services.GetRequiredService<DigestDelivery>().SendAsync(day, force: true, subscriberId: null);
    Console.WriteLine($"  sample digest of {day:yyyy-MM-dd} and its e-mail (.eml) written to {sample}");
}

static async Task<(int Cells, int Rows)> SeedAsync(DateOnly day, int size, int areas, int history, CategoryTaxonomy taxonomy, IServiceProvider services, bool processedRows)
{
    var cells = new Dictionary<(DateOnly Received, DateOnly Occurred, string Country, string Area), (TalliedReport Key, DayTally Counts)>();
    var onTheDay = new List<Guid>();
    foreach (var (received, report) in new SyntheticDay(taxonomy, seed: size, areas, history).Generate(day, size))
    {
        var key = (received, report.OccurredOn, report.Country, report.Area);
        if (!cells.TryGetValue(key, out var cell))
        {
            cells[key] = cell = (report, new DayTally());
        }

        cell.Counts.Add(report, 1);
        if (received == day)
        {
            onTheDay.Add(report.ReportId);
        }
    }

    var tally = services.GetRequiredService<DailyTally>();
    await Parallel.ForEachAsync(cells.GroupBy(c => c.Key.Received), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (group, ct) =>
        await tally.WriteCellsAsync(group.Key, group.Select(c => (c.Value.Key, c.Value.Counts)), ct));

    // The index rows of the day: every counted report processed, and a few failed or waiting ones besides.
    var index = services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.ReportsTable);
    var partition = ReportIndex.PartitionKey(day);
    var rows = 0;
    await Parallel.ForEachAsync(processedRows ? onTheDay.Chunk(100) : [], new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
    {
        var actions = chunk.Select((id, i) => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, id.ToString("D"))
        {
            ["Status"] = ReportStatus.Processed,
            ["Source"] = "json",
        })).ToList();
        await index.SubmitTransactionAsync(actions, ct);
        Interlocked.Add(ref rows, actions.Count);
    });
    await index.SubmitTransactionAsync(Enumerable.Range(0, 5).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, Guid.NewGuid().ToString("D"))
    {
        ["Status"] = i < 3 ? ReportStatus.Failed : ReportStatus.Received,
        ["Source"] = "json",
    })));
    return (cells.Count, rows + 5);
}

static string Reads(IServiceProvider host)
{
    var r = host.GetRequiredService<TallySnapshots>().Reads;
    return $"days read live {r.Live}, from memory {r.Cached}, downloaded {r.Downloaded}, snapshots built {r.Built}";
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
