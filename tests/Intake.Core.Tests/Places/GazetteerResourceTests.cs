using Intake.Core.Places;
using Intake.PlacesGenerator;
using Intake.Testing;

namespace Intake.Core.Tests.Places;

public sealed class GazetteerResourceTests
{
    [Fact]
    public void Generator_PinnedDataPackages_GivesTheCommittedResource()
    {
        // scripts/test.sh installs the pinned packages (scripts/common.sh install_places_data).
        var nodeModules = RepositoryLayout.PathOf("tools", "places-data", "node_modules");
        Assert.True(Directory.Exists(nodeModules), "Run `npm ci --prefix tools/places-data` (scripts/test.sh does) before this test.");

        var generated = GazetteerWriter.Write(GazetteerSources.Read(nodeModules));
        var committed = GazetteerWriter.Decompress(File.ReadAllBytes(RepositoryLayout.PathOf("places", "gazetteer.bin.gz")));

        Assert.True(generated.AsSpan().SequenceEqual(committed), "places/gazetteer.bin.gz is stale: run `dotnet run --project tools/Intake.PlacesGenerator`.");
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
