using System.Text;
using System.Text.Json;
using Intake.Core.Taxonomy;

namespace Intake.Core.Tests.Taxonomy;

public sealed class CategoryTaxonomyTests
{
    private readonly CategoryTaxonomy _taxonomy = CategoryTaxonomy.LoadEmbedded();

    [Fact]
    public void LoadEmbedded_HasTheElevenCategoriesOfSchemaV1()
    {
        Assert.Equal(
            [
                "killing", "sexual-violence", "abduction-disappearance", "torture-ill-treatment", "arbitrary-detention",
                "attack-on-civilians", "forced-displacement", "destruction-of-property", "hate-speech-incitement",
                "attack-on-humanitarian-personnel", "other",
            ],
            _taxonomy.Categories.Select(c => c.Code));
    }

    [Fact]
    public void LoadEmbedded_HasTheFourteenRiskFactorsOfTheFramework()
    {
        Assert.Equal(Enumerable.Range(1, 14).Select(i => $"RF{i}"), _taxonomy.RiskFactors.Select(r => r.Code));
        Assert.All(_taxonomy.RiskFactors.Take(8), r => Assert.Equal("common", r.Kind));
        Assert.All(_taxonomy.RiskFactors.Skip(8), r => Assert.Equal("specific", r.Kind));
    }

    [Theory]
    [InlineData("attack-on-humanitarian-personnel", "RF14")]
    [InlineData("hate-speech-incitement", "RF10")]
    [InlineData("hate-speech-incitement", "RF9")]
    [InlineData("killing", "RF11")]
    public void Find_Category_SignalsTheExpectedRiskFactor(string code, string riskFactor)
    {
        Assert.Contains(riskFactor, _taxonomy.Find(code)!.RiskFactors);
    }

    [Fact]
    public void Find_UnknownCode_ReturnsNull()
    {
        Assert.Null(_taxonomy.Find("Killing"));
    }

    [Fact]
    public void Load_CategoryNamingAnUnknownRiskFactor_IsRejected()
    {
        const string json = """
            {"version": 1, "riskFactors": [{"code": "RF1", "title": "t", "kind": "common"}],
             "categories": [{"code": "x", "title": "X", "description": "d", "riskFactors": ["RF99"], "acledEventType": "Riots"}]}
            """;

        var error = Assert.Throws<JsonException>(() => CategoryTaxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("RF99", error.Message, StringComparison.Ordinal);
    }
}
