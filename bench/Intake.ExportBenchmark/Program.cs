using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Exports;
using Intake.Core.Hosting;
using Intake.Core.Places;
using Intake.Core.Storage;
using Intake.ExportBenchmark;
using Intake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Export benchmark: rows/s and peak memory of an export of N processed reports, against its own Azurite.
//   dotnet run -c Release --project bench/Intake.ExportBenchmark [-- --reports 100000] [--days 10] [--openrosa-share 0.1] [--formats csv,geojson,ndjson]
// Seeds N index rows as processing writes them (ReportIndex.ProcessedRow), spread over the days of
// receipt, a share of them OpenRosa (whose attachments the export lists), then exports them all in
// each format to a stream that only counts bytes, sampling the process's working set every 50 ms.
var size = int.Parse(Option("--reports") ?? "100000", CultureInfo.InvariantCulture);
var days = int.Parse(Option("--days") ?? "10", CultureInfo.InvariantCulture);
var openRosaShare = double.Parse(Option("--openrosa-share") ?? "0.1", CultureInfo.InvariantCulture);
var formats = (Option("--formats") ?? "csv,geojson,ndjson").Split(',').Select(f => Enum.Parse<ExportFormat>(f, ignoreCase: true)).ToArray();
Console.WriteLine($"Started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {LoadAverage()}");

await using var azurite = await AzuriteInstance.StartAsync();
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    [StorageAccount.SettingName] = azurite.ConnectionString,
}).Build();
await using var services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync();
Console.WriteLine($"Export benchmark; Azurite on 127.0.0.1:{azurite.TablePort}; {Environment.ProcessorCount} cores; {size:N0} reports over {days} days, {openRosaShare:P0} OpenRosa");

var last = new DateOnly(2026, 11, 30);
var first = last.AddDays(-(days - 1));
var seeding = Stopwatch.StartNew();
await SyntheticIndex.SeedAsync(services.GetRequiredService<TableServiceClient>(), first, days, size, openRosaShare);
Console.WriteLine($"  seeded {size:N0} index rows in {seeding.Elapsed.TotalSeconds:0.0} s");

var export = services.GetRequiredService<ReportExport>();
var admin = new Caller("bench", CallerKind.Admin, "export benchmark");
var selection = new ExportSelection(first, last, null, null, null, [ReportStatus.Processed]);
foreach (var format in formats)
{
    GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64;
    using var sampler = new WorkingSetSampler(TimeSpan.FromMilliseconds(50));
    var output = new CountingStream();
    var watch = Stopwatch.StartNew();
    var rows = await export.WriteAsync(new ExportRequest(selection, format, IncludePersonal: false, ByteOrderMark: false), ExportScope.Admin, admin, "bench", output);
    watch.Stop();
    var peak = sampler.Stop();
    Console.WriteLine(
        $"  {format,-7}: {rows:N0} rows in {watch.Elapsed.TotalSeconds,5:0.0} s = {rows / watch.Elapsed.TotalSeconds,7:N0} rows/s, {output.Length / 1048576.0,6:N1} MiB; " +
        $"working set before {before / 1048576.0:N0} MiB, peak during {peak / 1048576.0:N0} MiB; GC heap after {GC.GetTotalMemory(false) / 1048576.0:N0} MiB");
}

var partner = new ExportScope(["SD"]);
var partnerWatch = Stopwatch.StartNew();
var partnerRows = await export.WriteAsync(new ExportRequest(selection, ExportFormat.Csv, false, false), partner, new Caller("bench-partner", CallerKind.Partner, "partner"), "bench", new CountingStream());
Console.WriteLine($"  partner SD, CSV: {partnerRows:N0} consented rows of {size:N0} in {partnerWatch.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"Process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB (seeding included)");
Console.WriteLine($"Finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {LoadAverage()}");

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
