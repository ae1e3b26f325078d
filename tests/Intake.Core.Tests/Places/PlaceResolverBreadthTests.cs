using Intake.Core.Places;

namespace Intake.Core.Tests.Places;

/// <summary>Areas where early warning matters, as reporters there write them.</summary>
public sealed class PlaceResolverBreadthTests
{
    [Theory]
    [InlineData("SD", "Khartoum", "SD-KH")]
    [InlineData("SD", "الخرطوم", "SD-KH")]
    [InlineData("SD", "Blue Nile", "SD-NB")]
    [InlineData("SD", "Nil Bleu", "SD-NB")]
    [InlineData("SD", "النيل الأزرق", "SD-NB")]
    [InlineData("MZ", "Cabo Delgado", "MZ-P")]
    [InlineData("ET", "Tigray", "ET-TI")]
    [InlineData("CD", "Ituri", "CD-IT")]
    [InlineData("UA", "Donetsk", "UA-14")]
    [InlineData("UA", "Донецкая область", "UA-14")]
    [InlineData("MM", "Rakhine", "MM-16")]
    [InlineData("BF", "Sahel", "BF-12")]
    [InlineData("ML", "Mopti", "ML-5")]
    [InlineData("NG", "Zamfara", "NG-ZA")]
    public void Resolve_NameInCountry_Code(string country, string admin1, string expected)
    {
        var result = TestGazetteer.Resolver().Resolve(0, 0, country, admin1);

        Assert.Equal(expected, result.Admin1Code);
    }

    [Theory]
    [InlineData("SD", "Darfur")]
    [InlineData("SD", "Nouth Darfur")]
    public void Resolve_AmbiguousOrRegionName_Unresolved(string country, string admin1)
    {
        var result = TestGazetteer.Resolver().Resolve(0, 0, country, admin1);

        Assert.Equal(PlaceMatch.Unresolved, result.Method);
    }
}
