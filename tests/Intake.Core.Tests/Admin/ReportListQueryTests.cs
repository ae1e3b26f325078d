using Intake.Core.Admin;
using Intake.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Intake.Core.Tests.Admin;

public sealed class ReportListQueryTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static (bool Ok, ReportListQuery? Query, string Field) Parse(params (string Name, string[] Values)[] parameters)
    {
        var query = new QueryCollection(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Values)));
        var ok = ReportListQuery.TryParse(query, Today, out var result, out var error);
        return (ok, result, error.Field);
    }

    [Fact]
    public void TryParse_Nothing_IsTheLastSevenDaysEveryAttentionStatusAndMax100()
    {
        var (ok, query, _) = Parse();

        Assert.True(ok);
        Assert.Equal((new DateOnly(2026, 11, 22), Today, 100), (query!.From, query.To, query.Max));
        Assert.Equal([ReportStatus.Failed, ReportStatus.NeedsReview, ReportStatus.Encrypted, ReportStatus.Received], query.Statuses);
    }

    [Fact]
    public void TryParse_StatusesCommaSeparatedOrRepeated_EachOnceInCanonicalOrder()
    {
        var (ok, query, _) = Parse(("status", ["received, failed", "failed"]), ("from", ["2026-11-01"]), ("to", ["2026-11-30"]), ("max", ["1000"]));

        Assert.True(ok);
        Assert.Equal([ReportStatus.Failed, ReportStatus.Received], query!.Statuses);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), 1000), (query.From, query.To, query.Max));
    }

    [Theory]
    [InlineData("from", "2026-11-2", "from")]
    [InlineData("from", "yesterday", "from")]
    [InlineData("to", "28.11.2026", "to")]
    [InlineData("from", "2026-10-28", "from")] // 32 days up to today
    [InlineData("from", "2026-11-29", "from")] // after 'to'
    [InlineData("status", "processed", "status")]
    [InlineData("status", "failed,", "status")]
    [InlineData("status", "", "status")]
    [InlineData("status", "FAILED", "status")]
    [InlineData("max", "0", "max")]
    [InlineData("max", "1001", "max")]
    [InlineData("max", "-5", "max")]
    [InlineData("max", "ten", "max")]
    public void TryParse_BadParameter_NamesIt(string name, string value, string field)
    {
        var (ok, query, error) = Parse((name, [value]));

        Assert.False(ok);
        Assert.Null(query);
        Assert.Equal(field, error);
    }

    [Fact]
    public void TryParse_ThirtyOneDays_IsTheWidestRange()
    {
        Assert.True(Parse(("from", ["2026-10-29"])).Ok);
        Assert.False(Parse(("from", ["2026-10-28"])).Ok);
    }

    [Fact]
    public void TryParse_RepeatedDay_IsInvalid()
    {
        Assert.Equal("to", Parse(("to", ["2026-11-27", "2026-11-28"])).Field);
    }
}
