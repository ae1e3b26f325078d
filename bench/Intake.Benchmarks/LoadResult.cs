namespace Intake.Benchmarks;

/// <summary>One measured phase at one concurrency: completed operations, errors, latency percentiles, and CPU spent per operation by each process.</summary>
internal sealed record LoadResult(
    string Phase,
    int Clients,
    int Completed,
    int Errors,
    double Seconds,
    double PerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double? PeakHostMemoryMb,
    IReadOnlyDictionary<string, double> CpuMsPerOperation);
