using System.Diagnostics;
using System.Globalization;
using Intake.Core.Places;
using Intake.PlacesBenchmark;

// Resolves 100,000 names and points on one thread and prints what it took, with the gazetteer's
// load time and memory. Figures, not a test: run with -c Release on an otherwise quiet machine.
const int Count = 100_000;
var culture = CultureInfo.InvariantCulture;

var before = GC.GetTotalMemory(forceFullCollection: true);
var gazetteer = Gazetteer.LoadEmbedded();
var afterLoad = GC.GetTotalMemory(forceFullCollection: true);
var indexWatch = Stopwatch.StartNew();
var resolver = new PlaceResolver(gazetteer, StaticPlaceAliases.Empty);
// The resolver builds its name index at the first name it is asked to resolve.
resolver.Resolve(0, 0, null, "Darfur");
indexWatch.Stop();
var afterIndex = GC.GetTotalMemory(forceFullCollection: true);

var samples = SampleSet.Build(gazetteer, Count, seed: 19);
foreach (var sample in samples.Take(10_000))
{
    resolver.Resolve(sample.Latitude, sample.Longitude, sample.Country, sample.Admin1);
}

Console.WriteLine("# Places benchmark");
Console.WriteLine();
Console.WriteLine(string.Create(culture, $"- gazetteer load (read, decompress, build boundaries and their index): {gazetteer.LoadTime.TotalMilliseconds:F0} ms"));
Console.WriteLine(string.Create(culture, $"- name index build: {indexWatch.Elapsed.TotalMilliseconds:F0} ms"));
Console.WriteLine(string.Create(culture, $"- managed memory: gazetteer {(afterLoad - before) / 1048576.0:F1} MiB, name index {(afterIndex - afterLoad) / 1048576.0:F1} MiB; process working set {Environment.WorkingSet / 1048576.0:F0} MiB"));
Console.WriteLine(string.Create(culture, $"- {gazetteer.Countries.Count} countries, {gazetteer.Subdivisions.Count} subdivisions; {Environment.ProcessorCount} cores visible"));
Console.WriteLine();
Console.WriteLine("| run | inputs | seconds | per second | exact | alias | fuzzy | code | unresolved | no admin1 |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (var run = 1; run <= 3; run++)
{
    var counts = new int[Enum.GetValues<PlaceMatch>().Length];
    var watch = Stopwatch.StartNew();
    foreach (var sample in samples)
    {
        counts[(int)resolver.Resolve(sample.Latitude, sample.Longitude, sample.Country, sample.Admin1).Method]++;
    }

    watch.Stop();
    var none = counts[(int)PlaceMatch.Stated] + counts[(int)PlaceMatch.Coordinates] + counts[(int)PlaceMatch.None];
    Console.WriteLine(string.Create(culture,
        $"| {run} | {samples.Count:N0} | {watch.Elapsed.TotalSeconds:F2} | {samples.Count / watch.Elapsed.TotalSeconds:N0} | " +
        $"{counts[(int)PlaceMatch.Exact]:N0} | {counts[(int)PlaceMatch.Alias]:N0} | {counts[(int)PlaceMatch.Fuzzy]:N0} | {counts[(int)PlaceMatch.Code]:N0} | " +
        $"{counts[(int)PlaceMatch.Unresolved]:N0} | {none:N0} |"));
}

// Where the time goes: the same inputs with only the point (and stated country), and with only the name.
var pointsOnly = Stopwatch.StartNew();
foreach (var sample in samples)
{
    resolver.Resolve(sample.Latitude, sample.Longitude, sample.Country, null);
}

pointsOnly.Stop();
var namesOnly = Stopwatch.StartNew();
foreach (var sample in samples)
{
    resolver.Resolve(0, 0, sample.Country, sample.Admin1);
}

namesOnly.Stop();
Console.WriteLine();
Console.WriteLine(string.Create(culture, $"Points only: {samples.Count / pointsOnly.Elapsed.TotalSeconds:N0} per second; names only (at (0, 0), no point lookup): {samples.Count / namesOnly.Elapsed.TotalSeconds:N0} per second."));
