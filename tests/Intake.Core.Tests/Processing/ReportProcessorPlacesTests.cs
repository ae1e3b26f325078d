using System.Text.Json.Nodes;
using Intake.Core.Places;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Processing;

[Collection(StorageCollection.Name)]
public sealed class ReportProcessorPlacesTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly MutableAliases _aliases = new();
    private ServiceProvider? _built;

    private ServiceProvider Services => _built ??= storage.BuildServices(configure: s => s.AddSingleton<IPlaceAliasSource>(_aliases));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_built is not null)
        {
            await _built.DisposeAsync();
        }
    }

    private ReportIndex Index => Services.GetRequiredService<ReportIndex>();

    private async Task<ReportIndexEntry> ProcessAsync(Action<JsonObject> location)
    {
        var report = SampleReports.Valid();
        location(report["location"]!.AsObject());
        await Services.GetRequiredService<ReportIntake>().SubmitJsonAsync(SampleReports.Bytes(report), Ct);
        var message = Assert.Single(await new StorageProbe(Services).ReceiveAllAsync(Ct)).Message;
        await Services.GetRequiredService<ReportProcessor>().ProcessAsync(message, 1, Ct);
        return (await Index.GetAsync(message.ReceivedOn, message.ReportId, Ct))!;
    }

    [Fact]
    public async Task ProcessAsync_ArabicAdmin1WithoutCountry_IndexRowHasAreaCodeAndFlags()
    {
        var row = await ProcessAsync(l =>
        {
            l.Remove("country");
            l["admin1"] = "ولاية شمال دارفور";
        });

        var c = row.Classification!;
        Assert.Null(c.Country);
        Assert.Equal("ولاية شمال دارفور", c.Admin1);
        Assert.Equal(new PlaceResolution("SD", "SD-DN", "North Darfur", PlaceMatch.Exact, null, PlaceFlags.CountryFromCoordinates), c.Place);
        Assert.Equal("SD-DN", c.Place!.AreaCode);
    }

    [Fact]
    public async Task ProcessAsync_NullIslandAndUnknownName_AcceptedFlaggedAndKeptAsGiven()
    {
        var row = await ProcessAsync(l =>
        {
            l["latitude"] = 0;
            l["longitude"] = 0;
            l["admin1"] = "Jebel Somewhere";
        });

        Assert.Equal(ReportStatus.Processed, row.Status);
        Assert.Equal(new PlaceResolution("SD", null, "Jebel Somewhere", PlaceMatch.Unresolved, null, PlaceFlags.NullIsland), row.Classification!.Place);
    }

    [Fact]
    public async Task ProcessAsync_ForcedAfterAliasAdded_AliasReplacesFuzzyMatchAndItsScore()
    {
        var first = await ProcessAsync(l => l["admin1"] = "Shamal Darfor");
        Assert.Equal(("SD-DN", PlaceMatch.Fuzzy), (first.Classification!.Place!.Admin1Code, first.Classification.Place.Method));
        Assert.NotNull(first.Classification.Place.Score);

        _aliases.Current = [new PlaceAlias("Shamal Darfor", "SD-DN")];
        await Services.GetRequiredService<ReportProcessor>().ProcessAsync(new ProcessReportMessage(first.ReportId, first.ReceivedOn, Force: true), 1, Ct);

        var again = await Index.GetAsync(first.ReceivedOn, first.ReportId, Ct);
        Assert.Equal(new PlaceResolution("SD", "SD-DN", "North Darfur", PlaceMatch.Alias, null, PlaceFlags.None), again!.Classification!.Place);
    }

    private sealed class MutableAliases : IPlaceAliasSource
    {
        public IReadOnlyList<PlaceAlias> Current { get; set; } = [];
    }
}
