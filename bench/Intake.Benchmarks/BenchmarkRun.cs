using System.Diagnostics;
using Intake.Core.Access;
using Intake.Testing;

namespace Intake.Benchmarks;

/// <summary>
/// One run: the storage floor on an Azurite of its own and intake through the self-host process on
/// another (queue processing switched off, so intake meets the same storage costs the floor did,
/// alone), measured in turn at each client count, in rounds (see <see cref="MeasurePairedAsync"/>);
/// then the host restarted with processing on over the backlog intake left.
/// </summary>
internal static class BenchmarkRun
{
    /// <returns>The report; null when <c>--phases</c> left a phase out (the printed lines are then the result).</returns>
    public static async Task<BenchmarkReport?> RunAsync(BenchmarkOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = LoadAverage();

        // Two emulators: sharing one skewed every later phase. Azurite walks every queue's messages
        // on each receive and delete (bench/results/2026-12-02-azurite-queue-scan-probe.txt), and
        // deleting the floor's queue instead left thousands of unreferenced extents whose sweep
        // (every 60 s) stalled the emulator for about 90 s (2026-12-02-2core-floor-storage-deleted.md,
        // 2026-12-02-2core-floor-queue-deleted.md). The floor's is idle while intake runs, and
        // stopped before the drain.
        await using var floorAzurite = options.Phases.Contains("floor") ? await AzuriteInstance.StartAsync() : null;
        StorageFloor? floor = null;
        if (floorAzurite is not null)
        {
            Console.WriteLine($"Azurite for the floor in memory on 127.0.0.1:{floorAzurite.BlobPort}/{floorAzurite.QueuePort}/{floorAzurite.TablePort}");
            floor = new StorageFloor(floorAzurite.ConnectionString);
            await floor.CreateAsync();
        }

        await using var azurite = await AzuriteInstance.StartAsync();
        Console.WriteLine($"Azurite in memory on 127.0.0.1:{azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}");
        var storageCpu = CpuOf(azurite);

        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DigestSchedule"] = "0 0 6 * * *",
            ["ReconcileSchedule"] = "0 0 0 1 1 *",
        };
        // The WebJobs SDK (as the Functions host) honours this setting: the queue trigger stays off.
        var intakeOnly = new Dictionary<string, string>(settings) { ["AzureWebJobs.ProcessReport.Disabled"] = "true" };
        var floorPhase = floor is null ? ((StorageFloor, Dictionary<string, Func<TimeSpan>>)?)null : (floor, CpuOf(floorAzurite!));
        var paired = new PairedResults([], [], []);
        double? intakePeakMb = null;
        if (options.Phases.Contains("intake"))
        {
            await using var host = await SelfHostProcess.StartAsync(intakeOnly);
            Console.WriteLine($"Self-host (intake only) is process {host.ProcessId}");
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024 };
            var token = await StoredTokens.IssueAsync(azurite.ConnectionString, CallerKind.Submitter, "benchmark form client");
            using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) }.WithBearer(token);
            var intake = new IntakeLoad(client);
            var intakeCpu = new Dictionary<string, Func<TimeSpan>>(storageCpu) { ["host"] = () => host.CpuTime };
            // Each phase's own peak (sampled every 50 ms), not the process's high-water mark, which
            // would carry one level's peak into the next round's other levels.
            paired = await MeasurePairedAsync(options, floorPhase, clients =>
                ClosedLoopLoad.RunAsync("intake", clients, options.WarmUp, options.Measured, intake.SubmitOneAsync, intakeCpu, () => host.ResidentBytes));
            intakePeakMb = Math.Round(host.PeakResidentBytes / 1024.0 / 1024.0, 1);
            Console.WriteLine($"Intake host peak RSS over every round (VmHWM): {intakePeakMb} MB");
            await host.StopAsync();
        }
        else if (floorPhase is not null)
        {
            paired = await MeasurePairedAsync(options, floorPhase, intake: null);
        }

        if (floorAzurite is not null)
        {
            await floorAzurite.StopAsync();
        }

        if (!options.Phases.Contains("drain"))
        {
            return null;
        }

        await new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString).GetTableClient(Intake.Core.Configuration.StorageNames.ReportsTable).CreateIfNotExistsAsync();
        var left = await CountQueuedAsync(azurite.ConnectionString);
        if (left < options.Backlog)
        {
            Console.WriteLine($"Intake left {left} reports waiting; writing {options.Backlog - left} more straight into storage...");
            await BacklogSeed.SeedAsync(azurite.ConnectionString, options.Backlog - left);
        }

        var backlog = await CountQueuedAsync(azurite.ConnectionString);
        Console.WriteLine($"Processing a backlog of {backlog} queued reports...");
        await using var processingHost = await CreateStoppedAsync();
        var processing = await ProcessingDrain.MeasureAsync(
            azurite.ConnectionString,
            backlog,
            async () => processingHost.Host = await SelfHostProcess.StartAsync(settings),
            () => azurite.CpuTime,
            () => processingHost.Host?.CpuTime ?? TimeSpan.Zero,
            TimeSpan.FromMinutes(5));
        Console.WriteLine(processing);

        SustainedLoad.Result? sustained = null;
        double? processingPeakMb = null;
        if (options.Phases.Contains("sustained") && processingHost.Host is { } running)
        {
            Console.WriteLine($"Offering {options.SustainedPerSecond} reports/s for {options.SustainedWarmUp.TotalSeconds} s of warm-up, then {options.SustainedFor.TotalSeconds} s measured, with processing on...");
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024 };
            var token = await StoredTokens.IssueAsync(azurite.ConnectionString, CallerKind.Submitter, "benchmark sustained client");
            using var client = new HttpClient(handler) { BaseAddress = running.BaseAddress, Timeout = TimeSpan.FromSeconds(60) }.WithBearer(token);
            sustained = await SustainedLoad.RunAsync(client, azurite.ConnectionString, options.SustainedPerSecond, options.SustainedFor, options.SustainedWarmUp);
            Console.WriteLine(sustained);
        }

        if (processingHost.Host is { } host2)
        {
            processingPeakMb = Math.Round(host2.PeakResidentBytes / 1024.0 / 1024.0, 1);
            Console.WriteLine($"Processing host peak RSS: {processingPeakMb} MB");
        }

        if (!options.Phases.Contains("floor") || !options.Phases.Contains("intake"))
        {
            return null;
        }

        var note = "The machine is shared with other builds and test runs; figures move with its load (see the load averages). " + options.Note;
        return new BenchmarkReport(started, Environment.ProcessorCount, Environment.MachineName, loadBefore, LoadAverage(), paired.Floor, paired.Intake, processing, note.Trim())
        {
            Rounds = paired.Rounds,
            IntakeHostPeakMb = intakePeakMb,
            Sustained = sustained,
            ProcessingHostPeakMb = processingPeakMb,
        };
    }

    /// <summary>
    /// The floor and intake at each client count, one right after the other, in rounds. This
    /// machine's speed drifts from minute to minute: the same floor ran at 357 and then 511
    /// reports/s at 16 clients a few minutes apart (bench/results/2026-12-02-2core-spinless-1.md),
    /// its Azurite CPU per report 3.0 and then 2.1 ms; a ratio of two phases minutes apart measured
    /// that drift as much as intake. Per client count the table takes the round with the median
    /// throughput ratio (floor and intake of that round, with the host's highest peak at that
    /// client count in any round); every round's figures are printed and kept.
    /// </summary>
    private static async Task<PairedResults> MeasurePairedAsync(
        BenchmarkOptions options,
        (StorageFloor Floor, Dictionary<string, Func<TimeSpan>> Cpu)? floor,
        Func<int, Task<LoadResult>>? intake)
    {
        var rounds = new List<PairedRound>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var clients in options.Clients)
            {
                LoadResult? floorResult = null, intakeResult = null;
                if (floor is { } f)
                {
                    floorResult = await ClosedLoopLoad.RunAsync("floor", clients, options.WarmUp, options.Measured, f.Floor.WriteOneAsync, f.Cpu);
                    Console.WriteLine($"round {round} {floorResult}");
                }

                if (intake is not null)
                {
                    intakeResult = await intake(clients);
                    Console.WriteLine($"round {round} {intakeResult}");
                }

                rounds.Add(new PairedRound(round, clients, floorResult, intakeResult));
            }
        }

        var floorResults = new List<LoadResult>();
        var intakeResults = new List<LoadResult>();
        foreach (var level in rounds.GroupBy(r => r.Clients))
        {
            var median = level.OrderBy(r => r.Ratio ?? 0).ElementAt(level.Count() / 2);
            if (median.Floor is { } f)
            {
                floorResults.Add(f);
            }

            if (median.Intake is { } i)
            {
                intakeResults.Add(i with { PeakHostMemoryMb = level.Max(r => r.Intake!.PeakHostMemoryMb) });
            }
        }

        return new PairedResults(floorResults, intakeResults, rounds);
    }

    /// <summary>The CPU counters every phase reports: the emulator's and this client's.</summary>
    private static Dictionary<string, Func<TimeSpan>> CpuOf(AzuriteInstance azurite) => new()
    {
        ["azurite"] = () => azurite.CpuTime,
        ["client"] = () => Process.GetCurrentProcess().TotalProcessorTime,
    };

    /// <summary>Reports waiting to be processed: index rows still received (a queue message names up to 32 of them).</summary>
    private static async Task<int> CountQueuedAsync(string connectionString)
    {
        var table = new Azure.Data.Tables.TableServiceClient(connectionString).GetTableClient(Intake.Core.Configuration.StorageNames.ReportsTable);
        var count = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>("Status eq 'received'", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private sealed record PairedResults(List<LoadResult> Floor, List<LoadResult> Intake, List<PairedRound> Rounds);

    private static Task<HostSlot> CreateStoppedAsync() => Task.FromResult(new HostSlot());

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Holds the processing host so that it is stopped however the run ends.</summary>
    private sealed class HostSlot : IAsyncDisposable
    {
        public SelfHostProcess? Host { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
    }
}
