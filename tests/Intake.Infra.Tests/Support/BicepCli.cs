using System.Diagnostics;

namespace Intake.Infra.Tests.Support;

/// <summary>Runs the Bicep CLI restored from NuGet. It needs no network for build, build-params and lint.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        EnsureExecutable(RepositoryLayout.BicepPath);

        var start = new ProcessStartInfo(RepositoryLayout.BicepPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryLayout.Infra,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var standardError = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BicepResult(process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>Builds a .bicep file to ARM JSON, or a .bicepparam file to a parameters JSON file.</summary>
    public static Task<BicepResult> BuildAsync(string source, string outputFile, CancellationToken cancellationToken) =>
        RunAsync(
            [source.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build", source, "--outfile", outputFile],
            cancellationToken);

    // NuGet extracts package files without their Unix mode on some machines.
    private static void EnsureExecutable(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "The Bicep CLI is not in the NuGet cache; restore Intake.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64).", path);
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }
    }
}
