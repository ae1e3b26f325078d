using Intake.Core.Places;
using Intake.Core.Storage;

namespace Intake.Core.Tests.Places;

public sealed class ReportAreaTests
{
    private static readonly ReportClassification Stated = new("killing", ["RF2"], 3, new DateOnly(2026, 11, 1), "day", "SD", "Gharb Darfur", null, null, "media", "unknown");

    [Fact]
    public void CodeOf_FourSpellingsOfOneProvince_OneArea()
    {
        var resolver = TestGazetteer.Resolver();
        string[] spellings = ["West Darfur", "W. Darfur", "Gharb Darfur", "غرب دارفور"];

        var areas = spellings.Select(s => ReportArea.CodeOf(Stated with { Admin1 = s, Place = resolver.Resolve(13.45, 22.44, "SD", s) })).Distinct();

        Assert.Equal(["SD-DW"], areas);
    }

    [Fact]
    public void CodeOf_RowFromBeforePlaces_StatedCountry()
    {
        Assert.Equal("SD", ReportArea.CodeOf(Stated));
    }
}
