using System.Diagnostics;

namespace Intake.ExportBenchmark;

/// <summary>Samples the process's working set on a timer and keeps the highest value seen.</summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public WorkingSetSampler(TimeSpan interval)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public long Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Sample();
        return Interlocked.Read(ref _peak);
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var current = process.WorkingSet64;
        long seen;
        while (current > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, current, seen) != seen)
        {
        }
    }
}
