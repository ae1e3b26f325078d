namespace Intake.Testing;

/// <summary>
/// Keeps a test on one UTC day. Tests compute "today" from the clock (for the day to list, compile
/// or export), and the host stamps reports with its own clock: a test that ran across midnight would
/// compare the days on both sides of it. Started at least <see cref="Window"/> before midnight, a
/// test shorter than that cannot cross it; so a test that would start closer waits until just past
/// midnight. (The digest timer's 06:00 is not a boundary for tests: their hosts run it never.)
/// </summary>
public static class DayBoundary
{
    /// <summary>Longer than any test that uses the day: the longest, the crash tests, take about two minutes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(3);

    /// <summary>How long a test starting at <paramref name="now"/> must wait to end on the day it started: zero, or until one second past midnight.</summary>
    public static TimeSpan WaitBefore(DateTimeOffset now, TimeSpan window)
    {
        var utc = now.ToUniversalTime();
        var midnight = new DateTimeOffset(utc.Date.AddDays(1), TimeSpan.Zero);
        return midnight - utc < window ? midnight - utc + TimeSpan.FromSeconds(1) : TimeSpan.Zero;
    }

    /// <summary>Waits, on <paramref name="time"/>, until a test of at most <paramref name="window"/> stays on one day; returns that day.</summary>
    public static async Task<DateOnly> WaitOutAsync(TimeProvider time, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var wait = WaitBefore(time.GetUtcNow(), window);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }
}
