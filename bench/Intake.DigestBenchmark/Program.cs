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
//   dotnet run -c Release --project bench/Intake.DigestBenchmark [-- --reports 10000,100000] [--areas 2000] [--history 80] [--backtest 30] [--sample <folder>]
// Seeds the tally (and the index rows the pipeline-health query scans) for days of N reports over
// the given areas, on top of a background history, then times DigestPublisher.PublishAsync (read
// the tally, compile with the alerts, render, store) and a backtest of the last days.
var sizes = Option("--reports")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [10_000, 100_000];
var areas = int.Parse(Option("--areas") ?? "180", CultureInfo.InvariantCulture);
var history = int.Parse(Option("--history") ?? "31", CultureInfo.InvariantCulture);
var backtestDays = int.Parse(Option("--backtest") ?? "0", CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs") ?? "3", CultureInfo.InvariantCulture);
var sample = Option("--sample");
Console.WriteLine($"Started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {LoadAverage()}");

await using var azurite = await AzuriteInstance.StartAsync();
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    [StorageAccount.SettingName] = azurite.ConnectionString,
    ["Digest:OutboxPath"] = sample ?? Path.Combine(Path.GetTempPath(), "intake-bench-outbox"),
}).Build();
await using var services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync();
var taxonomy = services.GetRequiredService<CategoryTaxonomy>();

Console.WriteLine($"Digest compile benchmark; Azurite on 127.0.0.1:{azurite.TablePort}; {Environment.ProcessorCount} cores; {areas} areas; {history} days of history");
var day = new DateOnly(2026, 6, 30);
foreach (var size in sizes)
{
    day = day.AddDays(history + 30); // each size on its own days, so they do not mix
    var seeding = Stopwatch.StartNew();
    var (cells, rows) = await SeedAsync(day, size, areas, history, taxonomy, services);
    Console.WriteLine($"  {size,7:N0} reports: seeded {cells:N0} tally cells and {rows:N0} index rows in {seeding.Elapsed.TotalSeconds:0.0} s");
    var publisher = services.GetRequiredService<DigestPublisher>();
    for (var run = 1; run <= runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var digest = await publisher.PublishAsync(day);
        watch.Stop();
        Console.WriteLine($"  {size,7:N0} reports: compile+render+store run {run}: {watch.Elapsed.TotalMilliseconds,8:N0} ms ({digest.Regions.Count} regions, {digest.Alerts.Count} alerts, {digest.Pipeline.Received:N0} received)");
    }

    // Where the time goes: reading the cells from storage, compiling (in process), rendering.
    var compiler = services.GetRequiredService<DigestCompiler>();
    var phase = Stopwatch.StartNew();
    var read = new List<TallyCell>();
    await foreach (var cell in services.GetRequiredService<DailyTally>().ReadAsync(compiler.FirstReceivedDay(day), day))
    {
        read.Add(cell);
    }

    var reading = phase.Elapsed;
    phase.Restart();
    var compiled = compiler.Compile(day, read, new PipelineHealth(0, 0, 0, 0));
    var compiling = phase.Elapsed;
    phase.Restart();
    var rendered = DigestJson.Serialize(compiled).Length + DigestMarkdown.Render(compiled, null).Length + DigestHtml.Render(compiled, null, _ => "cid:x").Length;
    Console.WriteLine($"  {size,7:N0} reports: phases: read {read.Count:N0} cells {reading.TotalMilliseconds:N0} ms, compile in process {compiling.TotalMilliseconds:N0} ms, render JSON+Markdown+HTML ({rendered / 1024:N0} KiB) {phase.Elapsed.TotalMilliseconds:N0} ms");

    if (backtestDays > 0)
    {
        var backtest = services.GetRequiredService<AlertBacktest>();
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
        var result = await backtest.RunAsync(day.AddDays(-backtestDays + 1), day, progress: new SyncProgress<BacktestProgress>(p =>
        {
            if (p.Phase == "replaying" && p.Done == 1)
            {
                readDone = watch.Elapsed;
            }

            progress.Report(p);
        }));
        watch.Stop();
        Console.WriteLine($"  {size,7:N0} reports: backtest of {backtestDays} days: {watch.Elapsed.TotalMilliseconds,8:N0} ms ({result.CellsRead:N0} cells read, {result.Days.Sum(d => d.New)} new and {result.Days.Sum(d => d.Ongoing)} ongoing alerts); reading and first day {readDone.TotalMilliseconds:N0} ms, the other days {(watch.Elapsed - readDone).TotalMilliseconds:N0} ms");
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

static async Task<(int Cells, int Rows)> SeedAsync(DateOnly day, int size, int areas, int history, CategoryTaxonomy taxonomy, IServiceProvider services)
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
    await Parallel.ForEachAsync(onTheDay.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
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

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
