using System.Diagnostics;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// The self-host started as a container would start it (<c>dotnet Intake.SelfHost.dll</c>, no
/// local.settings.json): documented defaults come from code, and a missing or bad setting stops
/// start-up with one line naming it instead of a stack trace.
/// </summary>
public sealed class StartupSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SelfHost_WithoutAnySetting_StopsWithOneLineNamingTheStorageSetting()
    {
        var (exitCode, errors) = await RunUntilExitAsync([]);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors);
        Assert.StartsWith("Missing setting AzureWebJobsStorage", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfHost_WithAnInvalidValue_StopsWithOneLineNamingTheSetting()
    {
        var (exitCode, errors) = await RunUntilExitAsync(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["Intake__MaxBodyBytes"] = "12" });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors);
        Assert.Contains("MaxBodyBytes", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfHost_WithOnlyTheStorageSetting_StartsOnTheDocumentedDefaults()
    {
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: Ct);

        // No DigestSchedule or ReconcileSchedule: the timers must resolve them from the defaults in code.
        await using var host = await SelfHostProcess.StartAsync(new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString }, Ct);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative), Ct);

        Assert.True(health.IsSuccessStatusCode);
    }

    private static async Task<(int ExitCode, List<string> Errors)> RunUntilExitAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SelfHostProcess.AssemblyPath)!,
        };
        start.ArgumentList.Add(SelfHostProcess.AssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["INTAKE_LOCAL_SETTINGS"] = Path.Combine(Path.GetTempPath(), "intake-tests-no-local-settings.json");
        start.Environment.Remove("AzureWebJobsStorage");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(Ct);
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The self-host did not stop on a bad configuration within 60 s.");
        }

        return (process.ExitCode, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
    }
}
