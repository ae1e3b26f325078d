using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Core.Taxonomy;
using Intake.Core.Tests.Support;
using Intake.Testing;
using Json.Schema;

namespace Intake.Core.Tests.Reports;

public sealed class ReportSchemaTests
{
    private static readonly JsonNode SchemaNode = JsonNode.Parse(File.ReadAllText(RepositoryLayout.PathOf("schemas", "report.schema.json")))!;

    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaNode.ToJsonString());

    private static bool SchemaAccepts(JsonNode report)
    {
        using var document = JsonDocument.Parse(report.ToJsonString());
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    [Fact]
    public void Examples_AreValidAgainstTheSchemaAndTheValidator()
    {
        var examples = SchemaNode["examples"]!.AsArray();

        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            Assert.True(SchemaAccepts(example!));
            using var document = JsonDocument.Parse(example!.ToJsonString());
            Assert.True(ReportValidatorFactory.Create().Validate(document.RootElement).IsValid);
        }
    }

    [Fact]
    public void CategoryOneOf_MirrorsTheTaxonomyFile()
    {
        var taxonomy = CategoryTaxonomy.LoadEmbedded();

        var entries = SchemaNode["properties"]!["category"]!["oneOf"]!.AsArray();

        Assert.Equal(taxonomy.Categories.Select(c => c.Code), entries.Select(e => (string)e!["const"]!));
        Assert.Equal(taxonomy.Categories.Select(c => c.Title), entries.Select(e => (string)e!["title"]!));
        Assert.Equal(
            taxonomy.Categories.Select(c => string.Join(',', c.RiskFactors)),
            entries.Select(e => string.Join(',', e!["x-riskFactors"]!.AsArray().Select(r => (string)r!))));
    }

    public static TheoryData<string, string> Mutations() => new()
    {
        { "valid date", """{"occurredAt": "2026-11-01"}""" },
        { "severity too high", """{"severity": 6}""" },
        { "unknown category", """{"category": "genocide"}""" },
        { "latitude out of range", """{"location": {"latitude": 91, "longitude": 0}}""" },
        { "bad country", """{"location": {"latitude": 1, "longitude": 0, "country": "sd"}}""" },
        { "extra field", """{"extra": true}""" },
        { "bad source", """{"sourceType": "rumour"}""" },
        { "negative killed", """{"killed": -1}""" },
        { "unknown victim group", """{"victimGroups": ["martians"]}""" },
        { "consent missing flag", """{"consent": {"followUp": true}}""" },
        { "bad language", """{"language": "english!"}""" },
        { "bad reporter id", """{"reporter": {"id": "a b"}}""" },
        { "date-time without offset", """{"occurredAt": "2026-11-01T10:00:00"}""" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void SchemaAndValidator_AgreeOnMutatedReports(string name, string patch)
    {
        var report = SampleReports.Valid();
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
        {
            report[key] = value?.DeepClone();
        }

        using var document = JsonDocument.Parse(report.ToJsonString());
        var validatorAccepts = ReportValidatorFactory.Create().Validate(document.RootElement).IsValid;

        Assert.True(SchemaAccepts(report) == validatorAccepts, $"{name}: schema and validator disagree");
    }
}
