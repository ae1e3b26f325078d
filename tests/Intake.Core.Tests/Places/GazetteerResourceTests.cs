using Intake.Core.Places;
using Intake.PlacesGenerator;
using Intake.Testing;

namespace Intake.Core.Tests.Places;

public sealed class GazetteerResourceTests
{
    [Fact]
    public void Generator_PinnedDataPackages_GivesTheCommittedResourceAndFormLists()
    {
        // scripts/test.sh installs the pinned packages (scripts/common.sh install_places_data).
        var nodeModules = RepositoryLayout.PathOf("tools", "places-data", "node_modules");
        Assert.True(Directory.Exists(nodeModules), "Run `npm ci --prefix tools/places-data` (scripts/test.sh does) before this test.");

        var sources = GazetteerSources.Read(nodeModules);
        var generated = GazetteerWriter.Write(sources);
        var committed = GazetteerWriter.Decompress(File.ReadAllBytes(RepositoryLayout.PathOf("places", "gazetteer.bin.gz")));
        var form = File.ReadAllText(RepositoryLayout.PathOf("forms", "incident-report.xml"));

        Assert.True(generated.AsSpan().SequenceEqual(committed), "places/gazetteer.bin.gz is stale: run `dotnet run --project tools/Intake.PlacesGenerator`.");
        Assert.True(FormChoices.Splice(form, sources) == form, "The form's place lists are stale: run `dotnet run --project tools/Intake.PlacesGenerator`.");
    }

    [Fact]
    public void LoadEmbedded_Resource_IsTheCommittedFile()
    {
        using var embedded = typeof(Gazetteer).Assembly.GetManifestResourceStream("Intake.places.gazetteer.bin.gz")!;
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);

        Assert.Equal(File.ReadAllBytes(RepositoryLayout.PathOf("places", "gazetteer.bin.gz")), copy.ToArray());
    }
}
