namespace Intake.Benchmarks;

/// <summary>One round at one client count: the floor, then intake right after it (either may be left out with <c>--phases</c>).</summary>
internal sealed record PairedRound(int Round, int Clients, LoadResult? Floor, LoadResult? Intake)
{
    /// <summary>Intake's reports/s over the floor's; null without both.</summary>
    public double? Ratio => Floor is { PerSecond: > 0 } f && Intake is { } i ? Math.Round(i.PerSecond / f.PerSecond, 2) : null;

    /// <summary>Intake's p99 over the floor's; null without both.</summary>
    public double? P99Ratio => Floor is { P99Ms: > 0 } f && Intake is { } i ? Math.Round(i.P99Ms / f.P99Ms, 2) : null;
}
