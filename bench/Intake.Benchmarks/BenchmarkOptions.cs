using System.Globalization;

namespace Intake.Benchmarks;

/// <summary>Command-line options: the measured seconds per phase and level, and the client counts.</summary>
internal sealed record BenchmarkOptions(TimeSpan Measured, TimeSpan WarmUp, IReadOnlyList<int> Clients, string Note, IReadOnlySet<string> Phases)
{
    /// <summary>Rounds of floor-then-intake at each client count (see <see cref="BenchmarkRun"/>).</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Reports waiting when the drain starts: what intake left, topped up straight into storage.</summary>
    public int Backlog { get; init; } = 10_000;

    /// <summary>The sustained phase's offered rate and length.</summary>
    public double SustainedPerSecond { get; init; } = 100;

    public TimeSpan SustainedFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The sustained phase's warm-up at the same rate, offered first and measured apart.</summary>
    public TimeSpan SustainedWarmUp { get; init; } = TimeSpan.FromSeconds(15);

    public static BenchmarkOptions Parse(string[] args)
    {
        var seconds = 8.0;
        int[] clients = [1, 16, 64];
        var note = "";
        var phases = new HashSet<string>(AllPhases, StringComparer.Ordinal);
        var backlog = 10_000;
        var rounds = 3;
        double sustainedRate = 100, sustainedSeconds = 60, sustainedWarmUp = 15;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--clients": clients = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--note": note = args[i + 1]; break;
                case "--phases": phases = [.. args[i + 1].Split(',')]; break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--backlog": backlog = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--sustained-rate": sustainedRate = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--sustained-seconds": sustainedSeconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--sustained-warmup": sustainedWarmUp = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Use --seconds N, --clients 1,16,64, --note TEXT, --phases floor,intake,drain,sustained, --rounds N, --backlog N, --sustained-rate R, --sustained-seconds S, --sustained-warmup S.");
            }
        }

        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Max(1, seconds / 4)), clients, note, phases)
        {
            Rounds = Math.Max(1, rounds),
            Backlog = backlog,
            SustainedPerSecond = sustainedRate,
            SustainedFor = TimeSpan.FromSeconds(sustainedSeconds),
            SustainedWarmUp = TimeSpan.FromSeconds(sustainedWarmUp),
        };
    }

    /// <summary>Every phase, in the order a run makes them; <c>--phases</c> picks some (for profiling one).</summary>
    public static readonly IReadOnlyList<string> AllPhases = ["floor", "intake", "drain", "sustained"];
}
