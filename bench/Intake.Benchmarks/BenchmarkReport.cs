using System.Globalization;
using System.Text;
using System.Text.Json;
using Intake.Testing;

namespace Intake.Benchmarks;

/// <summary>The printed table and the results file under bench/results/.</summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    int Cores,
    string Machine,
    string LoadAverageBefore,
    string LoadAverageAfter,
    IReadOnlyList<LoadResult> Floor,
    IReadOnlyList<LoadResult> Intake,
    ProcessingDrain.Result Processing,
    string Note)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, IncludeFields = true };

    /// <summary>Every round of floor-then-intake; the table's rows are each level's median round.</summary>
    public IReadOnlyList<PairedRound> Rounds { get; init; } = [];

    /// <summary>The intake host's peak resident memory over all its phases (VmHWM).</summary>
    public double? IntakeHostPeakMb { get; init; }

    /// <summary>The sustained phase (intake and processing at once); null when left out.</summary>
    public SustainedLoad.Result? Sustained { get; init; }

    /// <summary>Peak resident memory of the processing host (drain and sustained phases).</summary>
    public double? ProcessingHostPeakMb { get; init; }

    public IEnumerable<object> Ratios => Intake.Select(i =>
    {
        var f = Floor.Single(x => x.Clients == i.Clients);
        return new
        {
            i.Clients,
            Throughput = Math.Round(i.PerSecond / f.PerSecond, 2),
            P99 = Math.Round(i.P99Ms / f.P99Ms, 2),
            ThroughputTargetMet = i.Clients < 16 || i.PerSecond >= 1.3 * f.PerSecond,
            P99TargetMet = i.Clients < 16 || i.P99Ms <= f.P99Ms,
            MemoryTargetMet = i.Clients < 64 || i.PeakHostMemoryMb < 200,
        };
    });

    public string Table()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Intake benchmark {StartedAt:yyyy-MM-dd HH:mm} UTC, {Cores} cores, load average before {LoadAverageBefore}, after {LoadAverageAfter}");
        text.AppendLine("| phase  | clients | ops/s  | p50 ms | p95 ms | p99 ms | errors | host peak MB | ops/s vs floor | p99 vs floor |");
        text.AppendLine("|--------|--------:|-------:|-------:|-------:|-------:|-------:|-------------:|---------------:|-------------:|");
        foreach (var f in Floor)
        {
            text.AppendLine(c, $"| floor  | {f.Clients,7} | {f.PerSecond,6:F1} | {f.P50Ms,6:F1} | {f.P95Ms,6:F1} | {f.P99Ms,6:F1} | {f.Errors,6} |              |                |              |");
        }

        foreach (var i in Intake)
        {
            var f = Floor.Single(x => x.Clients == i.Clients);
            text.AppendLine(c, $"| intake | {i.Clients,7} | {i.PerSecond,6:F1} | {i.P50Ms,6:F1} | {i.P95Ms,6:F1} | {i.P99Ms,6:F1} | {i.Errors,6} | {i.PeakHostMemoryMb,12:F1} | {i.PerSecond / f.PerSecond,14:P0} | {i.P99Ms / f.P99Ms,11:F2}x |");
        }

        if (Rounds.Count > 0)
        {
            text.AppendLine("Every round, intake over floor (reports/s, p99); each row above is its level's median round: " + string.Join("; ", Rounds.GroupBy(r => r.Clients).Select(level =>
                $"x{level.Key}: " + string.Join(", ", level.Select(r => string.Create(c, $"{r.Ratio:F2}x/{r.P99Ratio:F2}x ({r.Floor?.PerSecond:F0} vs {r.Intake?.PerSecond:F0}/s)"))))));
        }

        if (IntakeHostPeakMb is { } peak)
        {
            text.AppendLine(c, $"Intake host peak RSS over every round and client count (VmHWM): {peak:F1} MB; each row's host peak is that client count's highest in any round (sampled every 50 ms).");
        }

        text.AppendLine("CPU ms per report (Azurite / benchmark client / host): " + string.Join(", ", Floor.Concat(Intake).Select(r =>
            $"{r.Phase} x{r.Clients}: {Cpu(r, "azurite")} / {Cpu(r, "client")} / {Cpu(r, "host")}")));
        text.AppendLine(c, $"Processing: {Processing.Processed} of {Processing.Reports} queued reports processed in {Processing.Seconds:F1} s = {Processing.PerSecond:F1} reports/s (half done after {Processing.HalfDoneSeconds:F1} s, 90% after {Processing.NineTenthsDoneSeconds:F1} s; poison: {Processing.Poisoned}); CPU ms per report: Azurite {Processing.AzuriteCpuMsPerReport:F2}, host {Processing.HostCpuMsPerReport:F2} (start-up included).");
        text.AppendLine(c, $"Processing with fewer than 1,000 waiting (the last 1,000 of the drain): {Processing.PerSecondUnder1000Waiting:F1} reports/s; processing host peak RSS {ProcessingHostPeakMb?.ToString("F1", c) ?? "-"} MB.");
        if (Sustained is { } s)
        {
            text.AppendLine(s.ToString());
        }

        text.AppendLine(c, $"Issue 14 targets: intake >= 1.3x floor at 16 and 64 clients with p99 <= floor's; host peak RSS < 200 MB at 64 clients; processing >= 250 reports/s with < 1,000 waiting and a 10,000 backlog drained at >= 150 reports/s; sustained p99 < 2 s with the backlog bounded. {Note}");
        return text.ToString();
    }

    private static string Cpu(LoadResult r, string name) =>
        r.CpuMsPerOperation.TryGetValue(name, out var ms) ? ms.ToString("F2", CultureInfo.InvariantCulture) : "-";

    public (string Json, string Markdown) Write()
    {
        var directory = RepositoryLayout.PathOf("bench", "results");
        Directory.CreateDirectory(directory);
        var name = $"{StartedAt:yyyy-MM-dd}-{Cores}core";
        var json = Path.Combine(directory, name + ".json");
        var markdown = Path.Combine(directory, name + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(this, Json));
        File.WriteAllText(markdown, Table());
        return (json, markdown);
    }
}
