using Intake.Core.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Intake.Core.Tests.Admin;

public sealed class DayWindowTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static (DayWindow? Window, string Field) Parse(params (string Name, string Value)[] parameters)
    {
        var query = new QueryCollection(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Value)));
        var (window, error) = DayWindow.Parse(query, Today, 30, 31);
        return (window, error.Field);
    }

    [Fact]
    public void Parse_Nothing_IsTodayAndThe29DaysBefore()
    {
        var (window, _) = Parse();

        Assert.Equal(new DayWindow(new DateOnly(2026, 10, 30), Today), window);
        Assert.Equal(30, window!.NewestFirst().Count());
        Assert.Equal(Today, window.NewestFirst().First());
    }

    [Fact]
    public void Parse_ToOnly_WindowEndsThere()
    {
        var (window, _) = Parse(("to", "2026-11-10"));

        Assert.Equal(new DayWindow(new DateOnly(2026, 10, 12), new DateOnly(2026, 11, 10)), window);
    }

    [Theory]
    [InlineData("from", "2026-11-2", "from")]
    [InlineData("to", "yesterday", "to")]
    [InlineData("from", "2026-10-28", "from")]
    [InlineData("from", "2026-11-29", "from")]
    public void Parse_BadOrTooWide_NamesTheField(string name, string value, string field)
    {
        var (window, error) = Parse((name, value));

        Assert.Null(window);
        Assert.Equal(field, error);
    }

    [Fact]
    public void Create_ExactlyTheMaximum_Accepted()
    {
        var (window, _) = DayWindow.Create(new DateOnly(2026, 10, 29), Today, Today, 30, 31);

        Assert.Equal(31, window!.NewestFirst().Count());
    }
}
