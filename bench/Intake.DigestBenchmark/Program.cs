using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Intake.Core.Configuration;
using Intake.Core.Digest;
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

// Compile-time benchmark of the daily digest against its own Azurite.
//   dotnet run -c Release --project bench/Intake.DigestBenchmark [-- --reports 10000,100000] [--sample <folder>]
// Seeds the tally (and the index rows the pipeline-health query scans) for days of N reports,
// then times DigestPublisher.PublishAsync: read the tally, compile, render, store.
var sizes = Option("--reports")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [10_000, 100_000];
var sample = Option("--sample");

await using var azurite = await AzuriteInstance.StartAsync();
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    [StorageAccount.SettingName] = azurite.ConnectionString,
    ["Digest:OutboxPath"] = sample ?? Path.Combine(Path.GetTempPath(), "intake-bench-outbox"),
}).Build();
await using var services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync();
var taxonomy = services.GetRequiredService<CategoryTaxonomy>();

Console.WriteLine($"Digest compile benchmark; Azurite on 127.0.0.1:{azurite.TablePort}; {Environment.ProcessorCount} cores");
var day = new DateOnly(2026, 6, 30);
foreach (var size in sizes)
{
    day = day.AddDays(60); // each size on its own days, so they do not mix
    var seeding = Stopwatch.StartNew();
    var (cells, rows) = await SeedAsync(day, size, taxonomy, services);
    Console.WriteLine($"  {size,7:N0} reports: seeded {cells:N0} tally cells and {rows:N0} index rows in {seeding.Elapsed.TotalSeconds:0.0} s");
    var publisher = services.GetRequiredService<DigestPublisher>();
    for (var run = 1; run <= 3; run++)
    {
        var watch = Stopwatch.StartNew();
        var digest = await publisher.PublishAsync(day);
        watch.Stop();
        Console.WriteLine($"  {size,7:N0} reports: compile+render+store run {run}: {watch.Elapsed.TotalMilliseconds,8:N0} ms ({digest.Regions.Count} regions, {digest.Alerts.Count} alerts, {digest.Pipeline.Received:N0} received)");
    }
}

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

static async Task<(int Cells, int Rows)> SeedAsync(DateOnly day, int size, CategoryTaxonomy taxonomy, IServiceProvider services)
{
    var cells = new Dictionary<(DateOnly Received, DateOnly Occurred, string Country, string Area), (TalliedReport Key, DayTally Counts)>();
    var onTheDay = new List<Guid>();
    foreach (var (received, report) in new SyntheticDay(taxonomy, seed: size).Generate(day, size))
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
    foreach (var group in cells.GroupBy(c => c.Key.Received))
    {
        await tally.WriteCellsAsync(group.Key, group.Select(c => (c.Value.Key, c.Value.Counts)));
    }

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
