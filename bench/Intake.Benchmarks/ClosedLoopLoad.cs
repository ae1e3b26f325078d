using System.Diagnostics;

namespace Intake.Benchmarks;

/// <summary>
/// A closed loop: <c>clients</c> workers each run the operation back to back. A warm-up period
/// runs first and is not counted; then every operation that starts within the measured window is
/// timed. An operation that returns false or throws counts as an error.
/// </summary>
internal static class ClosedLoopLoad
{
    public static async Task<LoadResult> RunAsync(
        string phase, int clients, TimeSpan warmUp, TimeSpan measured, Func<Task<bool>> operation, IReadOnlyDictionary<string, Func<TimeSpan>> cpu, Func<long>? residentBytes = null)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var measureUntil = warmUp + measured;
        var latencies = new List<double>[clients];
        var errors = new int[clients];
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = residentBytes is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), residentBytes()));
                try
                {
                    await Task.Delay(50, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        var cpuAtStart = new Dictionary<string, TimeSpan>();
        var cpuSampler = Task.Run(async () =>
        {
            await Task.Delay(warmUp);
            foreach (var (name, read) in cpu)
            {
                cpuAtStart[name] = read();
            }
        });

        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = [];
            while (true)
            {
                var started = clock.Elapsed;
                if (started >= measureUntil)
                {
                    return;
                }

                bool ok;
                try
                {
                    ok = await operation();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    ok = false;
                }

                if (started >= measureFrom)
                {
                    if (ok)
                    {
                        latencies[worker].Add((clock.Elapsed - started).TotalMilliseconds);
                    }
                    else
                    {
                        errors[worker]++;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await cpuSampler;
        var cpuAtEnd = cpu.ToDictionary(c => c.Key, c => c.Value());
        // Operations started inside the window may finish after it: the rate uses the real span.
        var seconds = (clock.Elapsed - measureFrom).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(
            phase,
            clients,
            all.Length,
            errors.Sum(),
            Math.Round(seconds, 2),
            Math.Round(all.Length / seconds, 1),
            Percentile(all, 0.50),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            residentBytes is null ? null : Math.Round(Interlocked.Read(ref peak) / 1024.0 / 1024.0, 1),
            cpuAtEnd.ToDictionary(c => c.Key, c => all.Length == 0 ? double.NaN : Math.Round((c.Value - cpuAtStart[c.Key]).TotalMilliseconds / all.Length, 2)));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
}
