using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Intake.Testing;

/// <summary>
/// The self-host run as its own operating-system process (<c>dotnet Intake.SelfHost.dll</c>), as an
/// organisation would run it: so that a test can kill it with SIGKILL mid-request and a benchmark
/// can measure its memory apart from the client's. Settings are passed as environment variables.
/// </summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    private SelfHostProcess(int port, IReadOnlyDictionary<string, string> settings)
    {
        Port = port;
        var all = new Dictionary<string, string>(NoEdgeLimits);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        _settings = all;
    }

    /// <summary>
    /// Request limits so high that no test or benchmark reaches them (every request here comes from
    /// one loopback address, many with one token): the tests of the limits set their own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NoEdgeLimits { get; } = new Dictionary<string, string>
    {
        ["Intake:Limits:SubmissionsPerTokenPerMinute"] = "10000000",
        ["Intake:Limits:SubmissionsPerAddressPerMinute"] = "10000000",
        ["Intake:Limits:FailedCredentialsPerAddressPerMinute"] = "10000000",
    };

    /// <summary>The loopback port the host listens on; the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The host's base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The running process's id; null when stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The built self-host assembly, of the same configuration as the caller.</summary>
    public static string AssemblyPath => RepositoryLayout.PathOf("functions", "Intake.SelfHost", "bin", RepositoryLayout.Configuration, "net10.0", "Intake.SelfHost.dll");

    /// <summary>
    /// Starts the host on a free port with <paramref name="settings"/> (configuration keys, <c>:</c>
    /// or <c>__</c> separated) and waits until <c>/api/health</c> answers 200.
    /// </summary>
    public static async Task<SelfHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var host = new SelfHostProcess(FreePort(), settings);
        await host.StartAgainAsync(cancellationToken);
        return host;
    }

    /// <summary>Starts the process (again, after <see cref="KillAsync"/> or <see cref="StopAsync"/>) and waits until healthy.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new InvalidOperationException($"The self-host is not built at {AssemblyPath}. Run 'dotnet build -c {RepositoryLayout.Configuration}'.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Port}");
        // A developer's local.settings.json must not leak in; everything comes from here.
        start.Environment["INTAKE_LOCAL_SETTINGS"] = Path.Combine(Path.GetTempPath(), "intake-tests-no-local-settings.json");
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (Environment.GetEnvironmentVariable("INTAKE_TEST_PID_DIR") is { Length: > 0 } directory && Directory.Exists(directory))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, $"selfhost-{_process.Id}.pid"), $"{_process.Id}", cancellationToken);
        }

        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>Waits until <c>/api/health</c> answers 200.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"The self-host exited (code {_process?.ExitCode}) before it was healthy.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The self-host did not become healthy within {timeout}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The host's peak resident memory so far (VmHWM), in bytes; 0 when unknown.</summary>
    public long PeakResidentBytes => ReadStatusKilobytes("VmHWM:") * 1024;

    /// <summary>The host's resident memory now (VmRSS), in bytes; 0 when unknown.</summary>
    public long ResidentBytes => ReadStatusKilobytes("VmRSS:") * 1024;

    /// <summary>CPU time the host has used so far (user + system); zero when unknown.</summary>
    public TimeSpan CpuTime => ProcessId is { } pid ? ProcessCpu.Of(pid) : TimeSpan.Zero;

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public Task KillAsync() => SignalAndWaitAsync(SigKill);

    /// <summary>Stops the process with SIGTERM (a graceful shutdown), killing it after 20 s.</summary>
    public Task StopAsync() => SignalAndWaitAsync(SigTerm);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task SignalAndWaitAsync(int signal)
    {
        if (_process is { HasExited: false } process)
        {
            _ = Kill(process.Id, signal);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
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

    private long ReadStatusKilobytes(string field)
    {
        if (ProcessId is not { } pid)
        {
            return 0;
        }

        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
