using Intake.Core.Places;

namespace Intake.Core.Tests.Places;

public sealed class GazetteerTests
{
    [Theory]
    [InlineData("SD-DW", "en", "West Darfur")]
    [InlineData("SD-DW", "fr", "Darfour-Occidental")]
    [InlineData("SD-DW", "fr-CA", "Darfour-Occidental")]
    [InlineData("SD-DW", "ar", "ولاية غرب دارفور")]
    [InlineData("SD-DW", "sw", "West Darfur")]
    [InlineData("SD-DW", null, "West Darfur")]
    [InlineData("SD", "fr", "Soudan")]
    [InlineData("SD", "en", "Sudan")]
    public void NameOf_ReaderLanguage_NameOrEnglishFallback(string code, string? language, string expected)
    {
        Assert.Equal(expected, TestGazetteer.Instance.NameOf(code, language));
    }

    [Fact]
    public void NameOf_UnknownCode_Null()
    {
        Assert.Null(TestGazetteer.Instance.NameOf("ZZ-ZZ", "en"));
    }

    [Theory]
    [InlineData(13.45, 22.44, "SD")]
    [InlineData(-1.68, 29.22, "CD")]
    [InlineData(48.85, 2.35, "FR")]
    [InlineData(-33.87, 151.21, "AU")]
    [InlineData(64.2, -149.5, "US")]
    [InlineData(42.66, 21.17, "XK")]
    public void CountryAt_PointsInCountries_Country(double latitude, double longitude, string expected)
    {
        Assert.Equal(expected, TestGazetteer.Instance.CountryAt(latitude, longitude));
    }

    [Fact]
    public void LoadEmbedded_Resource_EveryAssignedCountryAndTheirFirstLevelSubdivisions()
    {
        var gazetteer = TestGazetteer.Instance;

        Assert.All(Intake.Core.Reports.CountryCodes.All, code => Assert.True(gazetteer.Countries.ContainsKey(code), code));
        Assert.True(gazetteer.Subdivisions.Count > 3_500);
        Assert.Equal(18, gazetteer.SubdivisionsOf("SD").Count);
        Assert.Contains("world-atlas@2.0.2", gazetteer.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_ReadOnTheFirstQuestion_NotWhenAResolverIsMadeOverIt()
    {
        var gazetteer = Gazetteer.Embedded();
        var resolver = new PlaceResolver(gazetteer, StaticPlaceAliases.Empty);

        Assert.False(gazetteer.IsLoaded);
        Assert.Equal("SD-DW", resolver.Resolve(13.45, 22.44, "SD", "West Darfur").Admin1Code);
        Assert.True(gazetteer.IsLoaded);
        Assert.Equal("Darfour-Occidental", gazetteer.NameOf("SD-DW", "fr"));
    }
}
