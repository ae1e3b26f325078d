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
    IReadOnlyDictionary<string, double> CpuMsPerOperation)
{
    /// <summary>One line, with the CPU per operation spelt out (a record prints a dictionary as its type name).</summary>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Phase} x{Clients}: {PerSecond} ops/s, p50 {P50Ms} / p95 {P95Ms} / p99 {P99Ms} ms, {Completed} done, {Errors} errors, host peak {PeakHostMemoryMb?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} MB, CPU ms/op {string.Join(", ", CpuMsPerOperation.Select(c => $"{c.Key} {c.Value}"))}");
}
