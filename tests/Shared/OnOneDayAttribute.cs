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
            TestContext.Current.SendDiagnosticMessage($"Waiting {wait} for midnight UTC to pass before {test.TestDisplayName}.");
            Thread.Sleep(wait);
        }
    }
}
