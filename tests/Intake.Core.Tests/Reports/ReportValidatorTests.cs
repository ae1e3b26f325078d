using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Core.Reports;
using Intake.Core.Tests.Support;

namespace Intake.Core.Tests.Reports;

public sealed class ReportValidatorTests
{
    private readonly ReportValidator _validator = ReportValidatorFactory.Create();

    private ReportValidation Validate(JsonNode report)
    {
        using var document = JsonDocument.Parse(report.ToJsonString());
        return _validator.Validate(document.RootElement);
    }

    private static string[] Fields(ReportValidation validation) => validation.Errors.Select(e => e.Field).ToArray();

    [Fact]
    public void Validate_SchemaExample_IsValidWithEveryField()
    {
        var id = Guid.NewGuid();

        var result = Validate(SampleReports.Valid(id));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var report = result.Report!;
        Assert.Equal(id, report.SubmissionId);
        Assert.Equal("attack-on-civilians", report.Category);
        Assert.Equal(4, report.Severity);
        Assert.Equal("SD", report.Location.Country);
        Assert.Equal("hour", report.OccurredAt.Precision);
        Assert.Equal(new DateOnly(2026, 11, 20), report.OccurredAt.Day);
        Assert.Equal(["civilians", "displaced-persons"], report.VictimGroups);
        Assert.True(report.Consent.FollowUp);
    }

    [Fact]
    public void Validate_MinimalReport_FillsDefaults()
    {
        var report = new JsonObject
        {
            ["submissionId"] = Guid.NewGuid().ToString(),
            ["occurredAt"] = "2026-11-27",
            ["location"] = new JsonObject { ["latitude"] = 0, ["longitude"] = 0 },
            ["category"] = "other",
            ["severity"] = 1,
            ["sourceType"] = "media",
            ["consent"] = new JsonObject { ["followUp"] = false, ["shareWithPartners"] = false },
        };

        var result = Validate(report);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("unknown", result.Report!.PerpetratorType);
        Assert.Equal("day", result.Report.OccurredAt.Precision);
        Assert.True(result.Report.OccurredAt.IsDateOnly);
        Assert.Null(result.Report.Killed);
        Assert.Empty(result.Report.VictimGroups);
    }

    [Fact]
    public void Validate_EmptyObject_NamesEveryRequiredField()
    {
        var result = Validate(new JsonObject());

        Assert.False(result.IsValid);
        Assert.Equal(
            ["submissionId", "occurredAt", "location", "category", "severity", "sourceType", "consent"],
            Fields(result));
        Assert.All(result.Errors, e => Assert.Equal("Is required.", e.Detail));
    }

    [Theory]
    [InlineData("location.latitude", 90.0001)]
    [InlineData("location.latitude", -91)]
    [InlineData("location.longitude", 180.5)]
    [InlineData("location.longitude", -181)]
    [InlineData("location.accuracyMeters", -1)]
    [InlineData("severity", 0)]
    [InlineData("severity", 6)]
    [InlineData("killed", -1)]
    [InlineData("injured", 100001)]
    public void Validate_NumberOutOfRange_NamesTheField(string field, double value)
    {
        var report = SampleReports.Valid();
        Set(report, field, JsonValue.Create(value));

        var result = Validate(report);

        Assert.Equal([field], Fields(result));
        Assert.Contains("between", result.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("severity", "\"4\"")]
    [InlineData("severity", "4.5")]
    [InlineData("location.latitude", "\"13.6\"")]
    [InlineData("category", "7")]
    [InlineData("consent.followUp", "\"yes\"")]
    [InlineData("location", "[1, 2]")]
    [InlineData("victimGroups", "\"civilians\"")]
    public void Validate_WrongType_NamesTheField(string field, string json)
    {
        var report = SampleReports.Valid();
        Set(report, field, JsonNode.Parse(json));

        var result = Validate(report);

        Assert.Equal([field], Fields(result));
    }

    [Theory]
    [InlineData("category", "genocide")]
    [InlineData("sourceType", "rumour")]
    [InlineData("perpetratorType", "aliens")]
    [InlineData("occurredAtPrecision", "second")]
    [InlineData("location.country", "XX")]
    [InlineData("location.country", "sd")]
    [InlineData("submissionId", "not-a-uuid")]
    [InlineData("submissionId", "00000000-0000-0000-0000-000000000000")]
    [InlineData("reporter.id", "has spaces")]
    [InlineData("language", "english!")]
    [InlineData("occurredAt", "20/11/2026")]
    [InlineData("occurredAt", "2026-11-20T14:30:00")]
    [InlineData("occurredAt", "2026-02-30")]
    [InlineData("occurredAt", "1899-12-31")]
    [InlineData("location.admin1", "   ")]
    public void Validate_ValueOutsideVocabulary_NamesTheField(string field, string value)
    {
        var report = SampleReports.Valid();
        Set(report, field, JsonValue.Create(value));

        var result = Validate(report);

        Assert.Equal([field], Fields(result));
    }

    [Fact]
    public void Validate_ErrorDetail_NeverEchoesTheSubmittedValue()
    {
        var report = SampleReports.Valid();
        report["category"] = "secret-value-1234";
        report["reporter"]!["id"] = "secret value 5678";

        var result = Validate(report);

        Assert.Equal(2, result.Errors.Count);
        Assert.DoesNotContain(result.Errors, e => e.Detail.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OccurrenceWithinClockSkew_IsAccepted()
    {
        var report = SampleReports.Valid();
        report["occurredAt"] = ReportValidatorFactory.Now.AddMinutes(9).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Validate(report).IsValid);
    }

    [Fact]
    public void Validate_OccurrenceBeyondClockSkew_IsRejected()
    {
        var report = SampleReports.Valid();
        report["occurredAt"] = ReportValidatorFactory.Now.AddMinutes(11).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var result = Validate(report);

        Assert.Equal(["occurredAt"], Fields(result));
        Assert.Contains("future", result.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OffsetDateTime_IsCountedOnItsUtcDay()
    {
        var report = SampleReports.Valid();
        report["occurredAt"] = "2026-11-21T01:30:00+03:00";

        var result = Validate(report);

        Assert.Equal(new DateOnly(2026, 11, 20), result.Report!.OccurredAt.Day);
    }

    [Fact]
    public void Validate_TodaysDateWithoutTime_IsAccepted()
    {
        var report = SampleReports.Valid();
        report["occurredAt"] = "2026-11-28";

        Assert.True(Validate(report).IsValid);
    }

    [Fact]
    public void Validate_TomorrowsDate_IsRejected()
    {
        var report = SampleReports.Valid();
        report["occurredAt"] = "2026-11-29";

        Assert.Equal(["occurredAt"], Fields(Validate(report)));
    }

    [Fact]
    public void Validate_UnknownProperties_AreNamedWithTheirPath()
    {
        var report = SampleReports.Valid();
        report["narativ"] = "typo";
        report["location"]!["altitude"] = 5;

        var result = Validate(report);

        Assert.Equal(["narativ", "location.altitude"], Fields(result));
        Assert.Equal("#/location/altitude", result.Errors[1].Pointer);
    }

    [Fact]
    public void Validate_ContactWithoutFollowUpConsent_IsRejected()
    {
        var report = SampleReports.Valid();
        report["consent"]!["followUp"] = false;

        var result = Validate(report);

        Assert.Equal(["reporter.contact"], Fields(result));
    }

    [Fact]
    public void Validate_NarrativeOfTenThousandCharacters_IsAcceptedAndOneMoreIsNot()
    {
        var report = SampleReports.Valid();
        report["narrative"] = new string('ß', 10_000);
        Assert.True(Validate(report).IsValid);

        report["narrative"] = new string('ß', 10_001);
        Assert.Equal(["narrative"], Fields(Validate(report)));
    }

    [Fact]
    public void Validate_DuplicateAndUnknownVictimGroups_NameTheItems()
    {
        var report = SampleReports.Valid();
        report["victimGroups"] = new JsonArray("children", "children", "martians");

        var result = Validate(report);

        Assert.Equal(["victimGroups.1", "victimGroups.2"], Fields(result));
    }

    [Fact]
    public void Validate_NotAnObject_IsRejectedAsAWhole()
    {
        using var document = JsonDocument.Parse("[1,2,3]");

        var result = _validator.Validate(document.RootElement);

        Assert.Equal([""], Fields(result));
    }

    private static void Set(JsonObject report, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = report;
        foreach (var part in parts[..^1])
        {
            target = (JsonObject)target[part]!;
        }

        target[parts[^1]] = value;
    }
}
