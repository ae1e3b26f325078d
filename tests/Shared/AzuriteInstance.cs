using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Intake.Testing;

/// <summary>
/// A real Azurite (the local Azure Storage emulator) started for a test run on free loopback
/// ports, and stopped when disposed. Installed by scripts/test.sh into tools/azurite.
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
    public int BlobPort { get; }

    /// <summary>The queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service port.</summary>
    public int TablePort { get; }

    /// <summary>CPU time the emulator has used so far (user + system); zero when unknown.</summary>
    public TimeSpan CpuTime => _process is { HasExited: false } p ? ProcessCpu.Of(p.Id) : TimeSpan.Zero;

    /// <summary>A connection string to this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts Azurite in memory, or on disk under <paramref name="location"/> so that a restart keeps data.</summary>
    public static async Task<AzuriteInstance> StartAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        // A free port is only free when it is probed: another test's server may take it before
        // Azurite binds it (EADDRINUSE). Then start again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var instance = new AzuriteInstance(FreePort(), FreePort(), FreePort(), location);
            try
            {
                await instance.StartProcessAsync(cancellationToken);
                return instance;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the emulator process again on the same ports (after <see cref="StopAsync"/>).</summary>
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
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port, cancellationToken))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"Azurite did not listen on 127.0.0.1:{port} (exited: {_process.HasExited}). Its output:\n{string.Join('\n', output)}");
                }

                await Task.Delay(100, cancellationToken);
            }
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

    // Keeps Azurite's last lines for the start-up error message.
    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 20 && output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
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
