using Intake.Core.Admin;
using Intake.Core.Places;
using Intake.Core.Storage;

namespace Intake.Core.Tests.Admin;

/// <summary>The pure parts of <see cref="PlaceAliasAdmin"/>: which rows an alias moves, and how unresolved names are grouped.</summary>
public sealed class PlaceAliasAdminTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static ReportIndexEntry Row(string? statedCountry, string? admin1, PlaceResolution? place, DateTimeOffset? receivedAt = null) => new(
        Guid.NewGuid(), new DateOnly(2026, 11, 28), ReportStatus.Processed, receivedAt ?? Noon, "json", "", 0, 1, null, Noon, new ReportClassification(
            "killing", ["RF11"], 3, new DateOnly(2026, 11, 27), "day", statedCountry, admin1, 1, 0, "witness", "unknown")
        { Place = place },
        Noon,
        null);

    private static PlaceResolution Unresolved(string? country, string name) => new(country, null, name, PlaceMatch.Unresolved, null, PlaceFlags.None);

    [Theory]
    [InlineData("SD", "Dar Masalit", true)]
    [InlineData("SD", "DAR-MASALIT.", true)]
    [InlineData(null, "dar masalit", true)]
    [InlineData("TD", "Dar Masalit", false)]
    [InlineData("SD", "Dar Masalit North", false)]
    [InlineData("SD", null, false)]
    public void Affects_StatedNameAndCountry_MatchesByKeyInTheCountryOrNone(string? country, string? admin1, bool expected)
    {
        var row = Row(country, admin1, admin1 is null ? null : Unresolved(country, admin1));

        Assert.Equal(expected, PlaceAliasAdmin.Affects(row, "SD", PlaceNameNormalizer.Key("Dar Masalit")));
    }

    [Fact]
    public void Affects_CountryFromCoordinates_UsesTheResolvedCountry()
    {
        var fromPoint = Row(null, "Dar Masalit", new PlaceResolution("TD", null, "Dar Masalit", PlaceMatch.Unresolved, null, PlaceFlags.CountryFromCoordinates));

        Assert.False(PlaceAliasAdmin.Affects(fromPoint, "SD", PlaceNameNormalizer.Key("Dar Masalit")));
        Assert.True(PlaceAliasAdmin.Affects(fromPoint, "TD", PlaceNameNormalizer.Key("Dar Masalit")));
    }

    [Fact]
    public void Group_SpellingsThatCompareEqual_OneItemPerCountryMostReportedFirst()
    {
        var rows = new[]
        {
            Row("SD", "Dar Masalit", Unresolved("SD", "Dar Masalit")),
            Row("SD", "dar masalit", Unresolved("SD", "dar masalit"), Noon.AddHours(2)),
            Row("SD", "Dar Masalit", Unresolved("SD", "Dar Masalit")),
            Row("TD", "Dar Masalit", Unresolved("TD", "Dar Masalit")),
            Row(null, "Jebel Marra", Unresolved(null, "Jebel Marra")),
            Row("SD", "West Darfur", new PlaceResolution("SD", "SD-DW", "West Darfur", PlaceMatch.Exact, null, PlaceFlags.None)),
        };

        var items = PlaceAliasAdmin.Group(rows);

        Assert.Equal(3, items.Count);
        var first = items[0];
        Assert.Equal(("SD", "Dar Masalit", 3), (first.Country, first.Name, first.Count));
        Assert.Equal(["dar masalit"], first.Spellings);
        Assert.Equal(Noon.AddHours(2), first.LastReceivedAt);
        Assert.Equal([(null, "Jebel Marra"), ("TD", "Dar Masalit")], items.Skip(1).Select(i => (i.Country, i.Name)));
    }
}
