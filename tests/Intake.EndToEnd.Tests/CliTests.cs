using System.Globalization;
using System.Net;
using Intake.Cli;
using Intake.EndToEnd.Tests.Support;
using Spectre.Console;

namespace Intake.EndToEnd.Tests;

/// <summary>The <c>intake</c> CLI's commands against the live self-host, reading endpoint and token from the environment as an operator would set them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CliTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private async Task<(int Code, string Output)> RunAsync(string? token, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        var environment = new Dictionary<string, string?>
        {
            [CliContext.EndpointVariable] = Host.Address.ToString(),
            [CliContext.TokenVariable] = token,
        };
        var code = await IntakeCli.RunAsync(args, console, name => environment.GetValueOrDefault(name), cancellationToken: Ct);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Commands_AgainstLiveSelfHost_ShowTablesAndAct()
    {
        var admin = Host.AdminToken.Secret;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var created = await RunAsync(admin, "tokens", "create", "--name", "cli phone 3");
        Assert.Equal(0, created.Code);
        var secret = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("isub.", StringComparison.Ordinal));
        var id = secret.Split('.')[1];
        using (var phone = Host.CreateClient(secret))
        {
            using var accepted = await phone.PostAsync(ReportClient.NewReport(), Ct);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var list = await RunAsync(admin, "tokens", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("cli phone 3", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);

        var queues = await RunAsync(admin, "queues");
        Assert.Equal(0, queues.Code);
        Assert.Contains("reports-poison", queues.Output, StringComparison.Ordinal);

        var poison = await RunAsync(admin, "poison", "list");
        Assert.Equal(0, poison.Code);
        Assert.Contains("Last error", poison.Output, StringComparison.Ordinal);

        var dryRun = await RunAsync(admin, "poison", "reprocess", "--dry-run", "--from", today, "--to", today);
        Assert.Equal(0, dryRun.Code);
        Assert.Contains("Dry run:", dryRun.Output, StringComparison.Ordinal);

        var requeue = await RunAsync(admin, "reports", "requeue", "--from", today, "--to", today, "--category", "hate-speech-incitement", "--dry-run");
        Assert.Equal(0, requeue.Code);
        Assert.Contains("Nothing was changed", requeue.Output, StringComparison.Ordinal);

        var reconcile = await RunAsync(admin, "reconcile");
        Assert.Equal(0, reconcile.Code);
        Assert.Contains("submissionsScanned", reconcile.Output, StringComparison.Ordinal);

        var revoke = await RunAsync(admin, "tokens", "revoke", id);
        Assert.Equal(0, revoke.Code);
        Assert.Contains($"Revoked token {id}", revoke.Output, StringComparison.Ordinal);
        using (var phone = Host.CreateClient(secret))
        {
            using var refused = await phone.PostAsync(ReportClient.NewReport(), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var audit = await RunAsync(admin, "audit", "--from", DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(0, audit.Code);
        Assert.Contains("AdminCreateToken", audit.Output, StringComparison.Ordinal);
        Assert.Contains("AdminRevokeToken", audit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsList_ShowsAFailedReportWithItsError_AndRefusesABadStatus()
    {
        var admin = Host.AdminToken.Secret;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = ReportClient.NewReport(SelfHostFixture.HeldCategory);
        var id = (string)report["submissionId"]!;
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Host.Client.WaitForStatusAsync(id, "failed", TimeSpan.FromSeconds(90), Ct);

        var list = await RunAsync(admin, "reports", "list", "--from", today, "--to", today, "--status", "failed", "--max", "1000");
        var line = list.Output.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal));
        var bad = await RunAsync(admin, "reports", "list", "--status", "processed");

        Assert.Equal(0, list.Code);
        Assert.Contains("Last error", list.Output, StringComparison.Ordinal);
        Assert.Contains("failed", line, StringComparison.Ordinal);
        Assert.Contains($"'{SelfHostFixture.HeldCategory}' is held", line, StringComparison.Ordinal);
        Assert.Contains($"shown ({today} to {today}, failed)", list.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Code);
        Assert.Contains("400", bad.Output, StringComparison.Ordinal);
        Assert.Contains("'status'", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_WithoutOrWithWrongToken_FailWithTheReason()
    {
        var none = await RunAsync(null, "queues");
        var submitter = await RunAsync(Host.SubmitterToken.Secret, "queues");

        Assert.Equal(1, none.Code);
        Assert.Contains("401", none.Output, StringComparison.Ordinal);
        Assert.Contains("INTAKE_TOKEN", none.Output, StringComparison.Ordinal);
        Assert.Equal(1, submitter.Code);
        Assert.Contains("403", submitter.Output, StringComparison.Ordinal);
    }
}
