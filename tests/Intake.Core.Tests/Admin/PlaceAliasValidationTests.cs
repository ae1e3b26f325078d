using Intake.Core.Admin;
using Intake.Core.Tests.Places;

namespace Intake.Core.Tests.Admin;

public sealed class PlaceAliasValidationTests
{
    [Theory]
    [InlineData("Gharb Darfur", "SD-DW")]
    [InlineData("  غرب دارفور ", "sd-dw")]
    [InlineData("Dar Masalit", " SD-DW ")]
    public void Validate_NameAndKnownSubdivision_NoErrors(string name, string code) =>
        Assert.Empty(PlaceAliasValidation.Validate(name, code, TestGazetteer.Instance));

    [Theory]
    [InlineData(null, "SD-DW", "name")]
    [InlineData("   ", "SD-DW", "name")]
    [InlineData("--.", "SD-DW", "name")]
    [InlineData("Gharb Darfur", null, "code")]
    [InlineData("Gharb Darfur", "Darfur", "code")]
    [InlineData("Gharb Darfur", "XX-DW", "code")]
    [InlineData("Gharb Darfur", "SD-ZZ", "code")]
    public void Validate_BadField_NamesIt(string? name, string? code, string field)
    {
        var errors = PlaceAliasValidation.Validate(name, code, TestGazetteer.Instance);

        Assert.Equal([field], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_NameTooLongAndNoCode_NamesBoth()
    {
        var errors = PlaceAliasValidation.Validate(new string('a', 101), "", TestGazetteer.Instance);

        Assert.Equal(["name", "code"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("SD", true)]
    [InlineData("sd", true)]
    [InlineData("XX", false)]
    [InlineData("SDN", false)]
    [InlineData("", false)]
    public void ValidateCountry_Code_KnownOrNamed(string country, bool known) =>
        Assert.Equal(known, PlaceAliasValidation.ValidateCountry(country, TestGazetteer.Instance) is null);
}
