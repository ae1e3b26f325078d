using System.Globalization;

namespace Intake.Benchmarks;

/// <summary>Command-line options: the measured seconds per phase and level, and the client counts.</summary>
internal sealed record BenchmarkOptions(TimeSpan Measured, TimeSpan WarmUp, IReadOnlyList<int> Clients, string Note, IReadOnlySet<string> Phases)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var seconds = 8.0;
        int[] clients = [1, 16, 64];
        var note = "";
        var phases = new HashSet<string>(AllPhases, StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--clients": clients = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--note": note = args[i + 1]; break;
                case "--phases": phases = [.. args[i + 1].Split(',')]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Use --seconds N, --clients 1,16,64, --note TEXT, --phases floor,intake,drain.");
            }
        }

        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Max(1, seconds / 4)), clients, note, phases);
    }

    /// <summary>Every phase, in the order a run makes them; <c>--phases</c> picks some (for profiling one).</summary>
    public static readonly IReadOnlyList<string> AllPhases = ["floor", "intake", "drain"];
}
