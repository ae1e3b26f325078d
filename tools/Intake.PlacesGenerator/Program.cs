using Intake.PlacesGenerator;

// Writes places/gazetteer.bin.gz from the npm data packages pinned in tools/places-data
// (install them with `npm ci --prefix tools/places-data`). With --check it only compares.
var root = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : RepositoryRoot();
var check = args.Contains("--check");
var dataDir = Path.Combine(root, "tools", "places-data", "node_modules");
var target = Path.Combine(root, "places", "gazetteer.bin.gz");
var formPath = Path.Combine(root, "forms", "incident-report.xml");

var sources = GazetteerSources.Read(dataDir);
var payload = GazetteerWriter.Write(sources);
if (check)
{
    var form = File.ReadAllText(formPath);
    var same = File.Exists(target) && GazetteerWriter.Decompress(File.ReadAllBytes(target)).AsSpan().SequenceEqual(payload)
        && FormChoices.Splice(form, sources) == form;
    Console.WriteLine(same ? "The gazetteer and the form's choice lists are up to date." : "The gazetteer or the form's choice lists differ from what the pinned packages give: run the generator.");
    return same ? 0 : 1;
}

var compressed = GazetteerWriter.Compress(payload);
File.WriteAllBytes(target, compressed);
File.WriteAllText(formPath, FormChoices.Splice(File.ReadAllText(formPath), sources));
Console.WriteLine($"Wrote {target}: {sources.Countries.Count} countries, {sources.Subdivisions.Count} subdivisions, " +
    $"{payload.Length:N0} bytes, {compressed.Length:N0} gzipped.");
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Intake.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository, or pass its root as the first argument.");
}
