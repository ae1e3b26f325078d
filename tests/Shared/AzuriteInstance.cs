using System.Collections.Concurrent;
using System.Diagnostics;

namespace Intake.Testing;

/// <summary>
/// A real Azurite (the local Azure Storage emulator) started for a test run on loopback ports
/// the kernel chooses, and stopped when disposed. Installed by scripts/test.sh into tools/azurite.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    // The emulator's documented, public development account key; not a secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _location;
    private Process? _process;

    private AzuriteInstance(int blobPort, int queuePort, int tablePort, string? location)
    {
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        _location = location;
    }

    /// <summary>The blob service port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>The queue service port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The table service port.</summary>
    public int TablePort { get; private set; }

    /// <summary>CPU time the emulator has used so far (user + system); zero when unknown.</summary>
    public TimeSpan CpuTime => _process is { HasExited: false } p ? ProcessCpu.Of(p.Id) : TimeSpan.Zero;

    /// <summary>A connection string to this instance.</summary>
    public string ConnectionString => ConnectionStringVia(BlobPort, QueuePort, TablePort);

    /// <summary>A connection string to this instance's account through other loopback ports (a proxy in front of each service).</summary>
    public static string ConnectionStringVia(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>
    /// Starts Azurite in memory, or on disk under <paramref name="location"/> so that a restart keeps
    /// data, on ports the kernel chooses (port 0): Azurite prints each port it bound, and the
    /// instance reads them from its output.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        var instance = new AzuriteInstance(0, 0, 0, location);
        try
        {
            await instance.StartProcessAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the emulator process again on the same ports (after <see cref="StopAsync"/>): storage
    /// coming back where its clients know it, as after an outage. The ports were this instance's a
    /// moment before; should another process have bound one meanwhile, Azurite exits with EADDRINUSE
    /// and this throws with its output.
    /// </summary>
    public async Task StartProcessAsync(CancellationToken cancellationToken = default)
    {
        var script = RepositoryLayout.PathOf("tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}. Run scripts/test.sh, or 'npm ci --prefix tools/azurite'.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--disableTelemetry", "--skipApiVersionCheck", "--silent", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{QueuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (_location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_location);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = new ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        RecordPid(_process.Id);

        // Generous: node's start-up is slow when the machine is busy (parallel builds, other suites).
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (Bound(output, "Blob") is { } blob && Bound(output, "Queue") is { } queue && Bound(output, "Table") is { } table)
            {
                (BlobPort, QueuePort, TablePort) = (blob, queue, table);
                return;
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                // Let the readers take the last lines (an EADDRINUSE, a missing module).
                await Task.Delay(200, cancellationToken);
                throw new InvalidOperationException(
                    $"Azurite did not listen (exited: {_process.HasExited}). Its output:\n{string.Join('\n', output)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>
    /// Stops the emulator (a storage outage, as clients see it) with SIGTERM, so that an on-disk
    /// emulator saves its metadata first, as a real service keeps its data through an outage.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            _ = Kill(process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// The port of <paramref name="service"/> from Azurite's line "Azurite Blob service is
    /// successfully listening at http://127.0.0.1:41897" (printed after the bind, also with --silent,
    /// which only silences the access log); null until printed.
    /// </summary>
    private static int? Bound(IEnumerable<string> output, string service)
    {
        var prefix = $"Azurite {service} service is successfully listening at ";
        return output.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line
            ? new Uri(line[prefix.Length..].Trim()).Port
            : null;
    }

    // Keeps Azurite's last lines (it prints few: the start-up lines with the ports, and any error).
    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 50 && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>Lets scripts/test.sh stop an emulator a crashed test process left behind.</summary>
    private static void RecordPid(int pid)
    {
        if (Environment.GetEnvironmentVariable("INTAKE_TEST_PID_DIR") is { Length: > 0 } directory && Directory.Exists(directory))
        {
            File.WriteAllText(Path.Combine(directory, $"azurite-{pid}.pid"), $"{pid}");
        }
    }
}
