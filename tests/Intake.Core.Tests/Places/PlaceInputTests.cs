using System.Text.Json;
using Intake.Core.Places;
using Intake.Core.Tests.Support;

namespace Intake.Core.Tests.Places;

/// <summary>What intake accepts about places: nothing is rejected for an area, only a malformed or unknown country code.</summary>
public sealed class PlaceInputTests
{
    private static Intake.Core.Reports.ReportValidation Validate(Action<System.Text.Json.Nodes.JsonObject> location)
    {
        var body = SampleReports.Valid();
        location(body["location"]!.AsObject());
        using var document = JsonDocument.Parse(body.ToJsonString());
        return ReportValidatorFactory.Create().Validate(document.RootElement);
    }

    [Fact]
    public void Validate_NullIslandAndUnknownAdmin1_Accepted()
    {
        var validation = Validate(l =>
        {
            l["latitude"] = 0;
            l["longitude"] = 0;
            l["admin1"] = "Somewhere nobody has heard of";
        });

        Assert.True(validation.IsValid);
    }

    [Fact]
    public void Validate_MidOceanWithoutCountry_Accepted()
    {
        var validation = Validate(l =>
        {
            l["latitude"] = 10;
            l["longitude"] = -35;
            l.Remove("country");
        });

        Assert.True(validation.IsValid);
    }

    [Theory]
    [InlineData("XK")]
    [InlineData("ZZ")]
    public void Validate_CountryNotAssignedByIso_ErrorNamesTheField(string country)
    {
        var validation = Validate(l => l["country"] = country);

        Assert.Equal("location.country", Assert.Single(validation.Errors).Field);
    }

    [Fact]
    public void PlaceText_EveryMethodAndFlagCombination_RoundTrips()
    {
        Assert.All(Enum.GetValues<PlaceMatch>(), m => Assert.Equal(m, PlaceText.ParseMethod(PlaceText.Method(m))));
        var all = Enum.GetValues<PlaceFlags>().Aggregate(PlaceFlags.None, (a, f) => a | f);

        Assert.Equal(all, PlaceText.ParseFlags(PlaceText.Flags(all)));
        Assert.Equal("null-island,country-from-admin1", PlaceText.Flags(PlaceFlags.NullIsland | PlaceFlags.CountryFromAdmin1));
        Assert.Equal("", PlaceText.Flags(PlaceFlags.None));
    }
}
