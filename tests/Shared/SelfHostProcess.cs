using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

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

    private readonly ConcurrentQueue<string> _output = new();

    private SelfHostProcess(IReadOnlyDictionary<string, string> settings)
    {
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

    /// <summary>
    /// The loopback port the host listens on: chosen by the kernel at the first start (port 0, read
    /// back from the host), then the same across restarts, as a restarted server keeps its address.
    /// </summary>
    public int Port { get; private set; }

    /// <summary>The host's base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The running process's id; null when stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The built self-host assembly, of the same configuration as the caller.</summary>
    public static string AssemblyPath => RepositoryLayout.PathOf("functions", "Intake.SelfHost", "bin", RepositoryLayout.Configuration, "net10.0", "Intake.SelfHost.dll");

    /// <summary>
    /// Starts the host on a port of the kernel's choosing with <paramref name="settings"/> (configuration keys, <c>:</c>
    /// or <c>__</c> separated) and waits until <c>/api/health</c> answers 200.
    /// </summary>
    public static async Task<SelfHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var host = new SelfHostProcess(settings);
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
        // The host writes the address it bound to this file once it listens (see AddressFile).
        var addressFile = Path.Combine(Path.GetTempPath(), $"intake-selfhost-{Guid.NewGuid():N}.address");
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Port}");
        start.ArgumentList.Add("--addressFile");
        start.ArgumentList.Add(addressFile);
        // A developer's local.settings.json must not leak in; everything comes from here.
        start.Environment["INTAKE_LOCAL_SETTINGS"] = Path.Combine(Path.GetTempPath(), "intake-tests-no-local-settings.json");
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _output.Clear();
        _process.OutputDataReceived += (_, e) => Keep(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_output, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (Environment.GetEnvironmentVariable("INTAKE_TEST_PID_DIR") is { Length: > 0 } directory && Directory.Exists(directory))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, $"selfhost-{_process.Id}.pid"), $"{_process.Id}", cancellationToken);
        }

        Port = await ReadBoundPortAsync(addressFile, TimeSpan.FromSeconds(60), cancellationToken);
        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>Waits for the host's address file and reads its port from it.</summary>
    private async Task<int> ReadBoundPortAsync(string addressFile, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            while (!File.Exists(addressFile))
            {
                if (_process is null || _process.HasExited)
                {
                    // Give the error reader a moment to take the last lines (a port taken, a setting missing).
                    await Task.Delay(200, cancellationToken);
                    throw new InvalidOperationException(
                        $"The self-host exited (code {_process?.ExitCode}) before it listened. Its last lines:\n{string.Join('\n', _output)}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The self-host did not listen within {timeout}.");
                }

                await Task.Delay(50, cancellationToken);
            }

            var address = (await File.ReadAllLinesAsync(addressFile, cancellationToken)).Single(l => l.Length > 0);
            return new Uri(address).Port;
        }
        finally
        {
            File.Delete(addressFile);
        }
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

    // Keeps the host's last lines for the start-up error message.
    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        while (lines.Count > 20 && lines.TryDequeue(out _))
        {
        }
    }
}
