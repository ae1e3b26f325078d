using System.Text.Json;
using Intake.Core.Processing;
using Intake.Core.Taxonomy;
using Intake.Core.Tests.Support;

namespace Intake.Core.Tests.Processing;

public sealed class ReportClassifierTests
{
    [Fact]
    public void Classify_Report_MapsCategoryToRiskFactorsAndNormalisesAdmin1()
    {
        var body = SampleReports.Valid();
        body["category"] = "hate-speech-incitement";
        body["location"]!["admin1"] = "  North \t Darfur ";
        using var document = JsonDocument.Parse(body.ToJsonString());
        var report = ReportValidatorFactory.Create().Validate(document.RootElement).Report!;

        var classification = new ReportClassifier(CategoryTaxonomy.LoadEmbedded()).Classify(report);

        Assert.Equal(["RF7", "RF9", "RF10"], classification.RiskFactors);
        Assert.Equal("North Darfur", classification.Admin1);
        Assert.Equal("hour", classification.OccurredAtPrecision);
    }
}
