using System.Text;
using Intake.Core.OpenRosa;
using Intake.Core.Tests.Support;
using Intake.Testing;

namespace Intake.Core.Tests.OpenRosa;

/// <summary>Form instances become the same report the JSON API takes, through the same validator.</summary>
public sealed class IncidentFormMappingTests
{
    private readonly IncidentFormMapping _mapping = new(ReportValidatorFactory.Create());

    private static XFormInstance Instance(string fixture, Guid id) => XFormInstance.Parse(OpenRosaFixtures.Load(fixture, id), 256 * 1024);

    [Fact]
    public void Map_CollectInstance_IsTheSchemaExampleReport()
    {
        var id = Guid.NewGuid();

        var validation = _mapping.Map(Instance(OpenRosaFixtures.Collect, id));

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        var report = validation.Report!;
        Assert.Equal(id, report.SubmissionId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.FromHours(2)), report.OccurredAt.Value);
        Assert.Equal("hour", report.OccurredAt.Precision);
        Assert.Equal((13.6289, 25.3496, 8.5), (report.Location.Latitude, report.Location.Longitude, report.Location.AccuracyMeters));
        Assert.Equal(("SD", "North Darfur", "El Fasher", "Abu Shouk camp"), (report.Location.Country, report.Location.Admin1, report.Location.Admin2, report.Location.PlaceName));
        Assert.Equal(("attack-on-civilians", 4, 3, 7), (report.Category, report.Severity, report.Killed, report.Injured));
        Assert.Equal("non-state-armed-group", report.PerpetratorType);
        Assert.Equal(["civilians", "displaced-persons"], report.VictimGroups);
        Assert.Equal(("eyewitness", "en"), (report.SourceType, report.Language));
        Assert.Equal(("monitor-017", "+000 0000 0000"), (report.Reporter!.Id, report.Reporter.Contact));
        Assert.Equal((true, true), (report.Consent.FollowUp, report.Consent.ShareWithPartners));
    }

    [Theory]
    [InlineData("<admin1>SD-DN</admin1>", "SD-DN")]
    [InlineData("<admin1>other</admin1><admin1_other>Shamal Darfur</admin1_other>", "Shamal Darfur")]
    [InlineData("<admin1>other</admin1><admin1_other/>", null)]
    [InlineData("<admin1/><admin1_other>شمال دارفور</admin1_other>", "شمال دارفور")]
    public void Map_SubdivisionChoiceOrOther_Admin1IsTheCodeOrTheTypedName(string where, string? expected)
    {
        var xml = OpenRosaFixtures.Text(OpenRosaFixtures.Collect, Guid.NewGuid())
            .Replace("<admin1>North Darfur</admin1>", where, StringComparison.Ordinal);

        var validation = _mapping.Map(XFormInstance.Parse(Encoding.UTF8.GetBytes(xml), 256 * 1024));

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.Equal(expected, validation.Report!.Location.Admin1);
    }

    [Fact]
    public void Map_EnketoInstanceWithDateOnly_IsValidWithDayPrecision()
    {
        var validation = _mapping.Map(Instance(OpenRosaFixtures.Enketo, Guid.NewGuid()));

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.True(validation.Report!.OccurredAt.IsDateOnly);
        Assert.Equal("day", validation.Report.OccurredAt.Precision);
        Assert.Null(validation.Report.Killed);
        Assert.Null(validation.Report.Reporter);
        Assert.False(validation.Report.Consent.FollowUp);
    }

    [Fact]
    public void Map_OldFormVersion_NamesEachBadFormFieldWithoutValues()
    {
        var validation = _mapping.Map(Instance(OpenRosaFixtures.OldVersion, Guid.NewGuid()));

        Assert.False(validation.IsValid);
        Assert.Equal(["what/category", "what/severity", "where/country"], validation.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(validation.Errors, e => e.Detail.Contains("riot", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_OtherForm_IsNotMapped()
    {
        var xml = Encoding.UTF8.GetBytes("<data id=\"household_survey\"><meta><instanceID>uuid:8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a</instanceID></meta></data>");

        var validation = _mapping.Map(XFormInstance.Parse(xml, 4096));

        var error = Assert.Single(validation.Errors);
        Assert.Contains("incident_report", error.Detail, StringComparison.Ordinal);
    }
}
