namespace Intake.DigestBenchmark;

/// <summary>
/// The clock of the benchmark's services: the morning after the digest day, as when the daily
/// timer runs, so that the day and the next are read live and every earlier day is closed.
/// </summary>
internal sealed class DigestMorning : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}
