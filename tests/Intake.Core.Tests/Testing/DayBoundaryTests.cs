using Intake.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Testing;

/// <summary>The guard that keeps every test on one UTC day (<see cref="OnOneDayAttribute"/>), on a clock set just before midnight.</summary>
public sealed class DayBoundaryTests
{
    private static readonly DateTimeOffset HalfASecondToMidnight = new(2026, 12, 1, 23, 59, 59, 500, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitOutAsync_HalfASecondBeforeMidnight_WaitsPastItAndATestOfTheWindowStaysOnThatDay()
    {
        var time = new FakeTimeProvider(HalfASecondToMidnight);

        var waiting = DayBoundary.WaitOutAsync(time, DayBoundary.Window, Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted, "The test started before midnight had passed.");
        time.Advance(TimeSpan.FromSeconds(1));
        var day = await waiting;

        // Every "today" of a test as long as the window, from its first to its last, is that day.
        Assert.Equal(new DateOnly(2026, 12, 2), day);
        time.Advance(DayBoundary.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(day, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public void WaitBefore_WithoutTheGuard_ATestStartedHalfASecondBeforeMidnightSeesTwoDays()
    {
        // What the guard prevents: "today" taken at the start and a second later differ.
        var start = DateOnly.FromDateTime(HalfASecondToMidnight.UtcDateTime);
        var later = DateOnly.FromDateTime(HalfASecondToMidnight.AddSeconds(1).UtcDateTime);

        Assert.NotEqual(start, later);
        Assert.Equal(TimeSpan.FromSeconds(1.5), DayBoundary.WaitBefore(HalfASecondToMidnight, DayBoundary.Window));
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(6, 0, 0)]
    [InlineData(12, 0, 0)]
    [InlineData(23, 56, 59)]
    public void WaitBefore_MoreThanTheWindowBeforeMidnight_DoesNotWait(int hour, int minute, int second)
    {
        var now = new DateTimeOffset(2026, 12, 1, hour, minute, second, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, DayBoundary.WaitBefore(now, DayBoundary.Window));
    }

    [Fact]
    public void WaitBefore_InTheLastWindowBeforeMidnight_WaitsUntilOneSecondPastIt()
    {
        var now = new DateTimeOffset(2026, 12, 1, 23, 57, 30, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(151), DayBoundary.WaitBefore(now, DayBoundary.Window));
    }
}
