using Intake.Core.Places;

namespace Intake.Core.Tests.Places;

public sealed class PlaceResolverTests
{
    // El Geneina, capital of West Darfur; Adré, across the border in Chad; N'Djamena, far inside Chad.
    private const double GeneinaLat = 13.45, GeneinaLon = 22.44;
    private const double AdreLat = 13.47, AdreLon = 22.20;
    private const double NdjamenaLat = 12.13, NdjamenaLon = 15.05;

    [Theory]
    [InlineData("West Darfur", PlaceMatch.Exact)]
    [InlineData("west  darfur", PlaceMatch.Exact)]
    [InlineData("WEST-DARFUR", PlaceMatch.Exact)]
    [InlineData("W. Darfur", PlaceMatch.Exact)]
    [InlineData("Western Darfur", PlaceMatch.Exact)]
    [InlineData("West Darfur State", PlaceMatch.Exact)]
    [InlineData("Gharb Darfur", PlaceMatch.Exact)]
    [InlineData("Gharb Dārfūr", PlaceMatch.Exact)]
    [InlineData("غرب دارفور", PlaceMatch.Exact)]
    [InlineData("ولاية غرب دارفور", PlaceMatch.Exact)]
    [InlineData("Darfour-Occidental", PlaceMatch.Exact)]
    [InlineData("darfour occidental", PlaceMatch.Exact)]
    [InlineData("SD-DW", PlaceMatch.Code)]
    [InlineData("sd-dw", PlaceMatch.Code)]
    public void Resolve_WestDarfurInManyLanguagesAndSpellings_SameCode(string admin1, PlaceMatch expected)
    {
        var result = TestGazetteer.Resolver().Resolve(GeneinaLat, GeneinaLon, "SD", admin1);

        Assert.Equal("SD-DW", result.Admin1Code);
        Assert.Equal("SD-DW", result.AreaCode);
        Assert.Equal("West Darfur", result.Admin1Name);
        Assert.Equal(expected, result.Method);
        Assert.Equal(PlaceFlags.None, result.Flags);
    }

    [Fact]
    public void Resolve_Typo_FuzzyWithScore()
    {
        var result = TestGazetteer.Resolver().Resolve(GeneinaLat, GeneinaLon, "SD", "West Darfor");

        Assert.Equal("SD-DW", result.Admin1Code);
        Assert.Equal(PlaceMatch.Fuzzy, result.Method);
        Assert.InRange(result.Score!.Value, PlaceResolver.FuzzyThreshold, 0.99);
    }

    [Fact]
    public void Resolve_UnknownName_KeptAsGivenAndUnresolved()
    {
        var result = TestGazetteer.Resolver().Resolve(GeneinaLat, GeneinaLon, "SD", "  Wadi   Nowhere ");

        Assert.Null(result.Admin1Code);
        Assert.Equal("Wadi Nowhere", result.Admin1Name);
        Assert.Equal(PlaceMatch.Unresolved, result.Method);
        Assert.Equal("SD", result.AreaCode);
    }

    [Fact]
    public void Resolve_AdminAlias_ResolvesOnlyOnceAdded()
    {
        var aliases = new MutableAliases();
        var resolver = new PlaceResolver(TestGazetteer.Instance, aliases);
        var before = resolver.Resolve(GeneinaLat, GeneinaLon, "SD", "Dar Masalit");

        aliases.Current = [new PlaceAlias("Dar Masalit", "SD-DW")];
        var after = resolver.Resolve(GeneinaLat, GeneinaLon, "SD", "dar-masalit");

        Assert.Equal(PlaceMatch.Unresolved, before.Method);
        Assert.Equal("SD-DW", after.Admin1Code);
        Assert.Equal(PlaceMatch.Alias, after.Method);
    }

    [Fact]
    public void Resolve_NoCountry_TakenFromCoordinates()
    {
        var result = TestGazetteer.Resolver().Resolve(GeneinaLat, GeneinaLon, null, null);

        Assert.Equal("SD", result.Country);
        Assert.Equal(PlaceMatch.Coordinates, result.Method);
        Assert.Equal(PlaceFlags.CountryFromCoordinates, result.Flags);
    }

    [Fact]
    public void Resolve_PointJustAcrossBorder_StatedCountryKeptWithoutFlag()
    {
        Assert.Equal("TD", TestGazetteer.Instance.CountryAt(AdreLat, AdreLon));

        var result = TestGazetteer.Resolver().Resolve(AdreLat, AdreLon, "SD", "West Darfur");

        Assert.Equal("SD", result.Country);
        Assert.Equal("SD-DW", result.Admin1Code);
        Assert.Equal(PlaceFlags.None, result.Flags);
    }

    [Fact]
    public void Resolve_PointFarInsideOtherCountry_StatedCountryKeptAndFlagged()
    {
        var result = TestGazetteer.Resolver().Resolve(NdjamenaLat, NdjamenaLon, "SD", "West Darfur");

        Assert.Equal("SD", result.Country);
        Assert.Equal("SD-DW", result.Admin1Code);
        Assert.Equal(PlaceFlags.CountryDisagrees, result.Flags);
    }

    [Fact]
    public void Resolve_NullIsland_FlaggedAndCountryFromAdmin1()
    {
        var result = TestGazetteer.Resolver().Resolve(0, 0, null, "Darfour-Occidental");

        Assert.Equal("SD", result.Country);
        Assert.Equal("SD-DW", result.Admin1Code);
        Assert.Equal(PlaceFlags.NullIsland | PlaceFlags.CountryFromAdmin1, result.Flags);
    }

    [Fact]
    public void Resolve_NullIslandWithStatedCountry_KeptAndFlagged()
    {
        var result = TestGazetteer.Resolver().Resolve(0, 0, "SD", null);

        Assert.Equal("SD", result.Country);
        Assert.Equal(PlaceMatch.Stated, result.Method);
        Assert.Equal(PlaceFlags.NullIsland, result.Flags);
    }

    [Fact]
    public void Resolve_MidAtlantic_OutsideAnyCountry()
    {
        var result = TestGazetteer.Resolver().Resolve(10, -35, null, "Somewhere");

        Assert.Null(result.Country);
        Assert.Null(result.AreaCode);
        Assert.Equal(PlaceMatch.Unresolved, result.Method);
        Assert.Equal(PlaceFlags.OutsideAnyCountry, result.Flags);
    }

    [Fact]
    public void Resolve_CodeOfAnotherCountry_ResolvedAndFlagged()
    {
        var result = TestGazetteer.Resolver().Resolve(GeneinaLat, GeneinaLon, "SD", "TD-OD");

        Assert.Equal("TD-OD", result.Admin1Code);
        Assert.Equal("SD", result.Country);
        Assert.Equal(PlaceFlags.Admin1OtherCountry, result.Flags);
    }

    [Theory]
    [InlineData("North Kivu", "CD", -1.68, 29.22, "CD-NK")]
    [InlineData("Nord-Kivu", "CD", -1.68, 29.22, "CD-NK")]
    [InlineData("N. Kivu", null, -1.68, 29.22, "CD-NK")]
    [InlineData("Borno", "NG", 11.85, 13.16, "NG-BO")]
    [InlineData("Borno State", "NG", 11.85, 13.16, "NG-BO")]
    public void Resolve_OtherConflictAreas_ResolveToCode(string admin1, string? country, double lat, double lon, string expected)
    {
        var result = TestGazetteer.Resolver().Resolve(lat, lon, country, admin1);

        Assert.Equal(expected, result.Admin1Code);
    }

    private sealed class MutableAliases : IPlaceAliasSource
    {
        public IReadOnlyList<PlaceAlias> Current { get; set; } = [];
    }
}
