using System.Reflection;
using Xunit.v3;

namespace Intake.Testing;

/// <summary>
/// Before each test: waits out midnight UTC when it is closer than <see cref="DayBoundary.Window"/>,
/// so that every "today" a test computes, and every day the host stamps meanwhile, is the same day.
/// Put on the assembly (<c>[assembly: OnOneDay]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OnOneDayAttribute : BeforeAfterTestAttribute
{
    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        var wait = DayBoundary.WaitBefore(TimeProvider.System.GetUtcNow(), DayBoundary.Window);
        if (wait > TimeSpan.Zero)
        {
            TestContext.Current.SendDiagnosticMessage($"Waiting up to {wait} for midnight UTC to pass before {test.TestDisplayName}.");
            // Until the clock says the test has its window, not for a computed time: a clock that moves
            // (NTP) ends the wait when the condition holds. The bound only stops a clock that never gets there.
            var past = SpinWait.SpinUntil(() => DayBoundary.WaitBefore(TimeProvider.System.GetUtcNow(), DayBoundary.Window) == TimeSpan.Zero, wait + DayBoundary.Window);
            if (!past)
            {
                throw new InvalidOperationException($"Midnight UTC did not pass within {wait + DayBoundary.Window}; the clock is not moving as expected.");
            }
        }
    }
}
