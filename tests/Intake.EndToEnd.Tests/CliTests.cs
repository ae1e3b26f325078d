using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Intake.Cli;
using Intake.Core.Configuration;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Spectre.Console;

namespace Intake.EndToEnd.Tests;

/// <summary>The <c>intake</c> CLI's commands against the live self-host, reading endpoint and token from the environment as an operator would set them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CliTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private Task<(int Code, string Output)> RunAsync(string? token, params string[] args) => CliRun.RunAsync(Host.Address, token, args);

    /// <summary>The cells of the first table row whose first cell is <paramref name="key"/>; empty when there is none.</summary>
    private static string[] Row(string output, string key) =>
        output.Split('\n')
            .Select(line => line.Split('│', '|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0).ToArray())
            .FirstOrDefault(cells => cells.Length > 1 && cells[0] == key) ?? [];

    [Fact]
    public async Task Tokens_CreatedWithExpiryThenUsed_ListShowsExpiryAndLastUse()
    {
        var admin = Host.AdminToken.Secret;
        var expires = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddT12:00:00Z", CultureInfo.InvariantCulture);
        var created = await RunAsync(admin, "tokens", "create", "--name", "cli phone with expiry", "--expires", expires);
        Assert.Equal(0, created.Code);
        var secret = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("isub.", StringComparison.Ordinal));
        var id = secret.Split('.')[1];
        var before = await RunAsync(admin, "tokens", "list");
        using (var phone = Host.CreateClient(secret))
        {
            using var accepted = await phone.PostAsync(ReportClient.NewReport(), Ct);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var after = await RunAsync(admin, "tokens", "list");

        var headers = Row(after.Output, "Id");
        var unused = Row(before.Output, id);
        var used = Row(after.Output, id);
        Assert.Equal(["Id", "Kind", "Name", "Regions", "Created", "By", "Expires", "Last used", "Revoked"], headers);
        Assert.StartsWith(expires[..10], used[Array.IndexOf(headers, "Expires") - 1], StringComparison.Ordinal);
        // The submitter row has no regions (an empty cell, dropped by Row): its cells sit one to the left of their headers.
        Assert.Equal("-", unused[Array.IndexOf(headers, "Last used") - 1]);
        Assert.StartsWith(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), used[Array.IndexOf(headers, "Last used") - 1], StringComparison.Ordinal);
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
    public async Task PlacesCommands_UnresolvedNameThenAlias_ListedAddedMovedAndRemoved()
    {
        var admin = Host.AdminToken.Secret;
        var name = PlaceAliasTests.UnknownName();
        var (id, _) = await PlaceAliasTests.SubmitProcessedAsync(Host, name);

        var unresolved = await RunAsync(admin, "places", "unresolved");
        var add = await RunAsync(admin, "places", "alias", "add", name, "SD-DW");
        var moved = await PlaceAliasTests.WaitForPlaceAsync(Host, id, "alias");
        var list = await RunAsync(admin, "places", "alias", "list");
        var unresolvedAfter = await RunAsync(admin, "places", "unresolved");
        var bad = await RunAsync(admin, "places", "alias", "add", name, "XX-YY");
        var remove = await RunAsync(admin, "places", "alias", "remove", name, "SD-DW");

        Assert.Equal(0, unresolved.Code);
        Assert.Contains(Rows(unresolved.Output), r => r.Length > 3 && r[0] == "SD" && r[1] == name && r[2] == "1");
        Assert.Equal(0, add.Code);
        Assert.Contains("= SD-DW (West Darfur)", add.Output, StringComparison.Ordinal);
        Assert.Contains("Queued 1 of", add.Output, StringComparison.Ordinal);
        Assert.Equal("SD-DW", (string)moved["place"]!["admin1Code"]!);
        Assert.Equal(0, list.Code);
        Assert.Contains(Rows(list.Output), r => r.SequenceEqual(["SD", name, "SD-DW", "West Darfur"]));
        Assert.DoesNotContain(name, unresolvedAfter.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Code);
        Assert.Contains("422", bad.Output, StringComparison.Ordinal);
        Assert.Contains("code: ", bad.Output, StringComparison.Ordinal);
        Assert.Equal(0, remove.Code);
        Assert.Contains("Removed alias", remove.Output, StringComparison.Ordinal);
    }

    /// <summary>The cells of every table row.</summary>
    private static string[][] Rows(string output) =>
        [.. output.Split('\n')
            .Where(line => line.Contains('│', StringComparison.Ordinal))
            .Select(line => line.Split('│').Select(cell => cell.Trim()).Where(cell => cell.Length > 0).ToArray())];

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

    [Theory]
    [InlineData("http://intake.example.org")]
    [InlineData("http://10.0.0.8:7071/api")]
    public async Task Commands_PlainHttpToAnotherMachine_RefusedBeforeSendingTheToken(string endpoint)
    {
        var refused = await RunAsync(Host.AdminToken.Secret, "queues", "--endpoint", endpoint);

        Assert.Equal(2, refused.Code);
        Assert.Contains("plain http", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.AdminToken.Secret, refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_PlainHttpToLocalhost_Allowed()
    {
        var local = await RunAsync(Host.AdminToken.Secret, "queues", "--endpoint", Host.Address.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        Assert.Equal(0, local.Code);
    }

    [Fact]
    public async Task DigestAndSubscriberCommands_AgainstLiveSelfHost_MailTheSubscriberOnceUnlessForced()
    {
        var admin = Host.AdminToken.Secret;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var email = $"cli-desk-{Guid.NewGuid():N}@example.org";

        // Subscribe through the CLI, and find the subscriber in the list.
        var added = await RunAsync(admin, "subscribers", "add", "--email", email, "--region", "ng", "--region", "ML", "--language", "fr", "--audience", "internal");
        Assert.Equal(0, added.Code);
        var id = Regex.Match(added.Output, "Added subscriber ([0-9a-f-]{36}) following ML, NG").Groups[1].Value;
        Assert.True(Guid.TryParseExact(id, "D", out _), added.Output);
        var listed = await RunAsync(admin, "subscribers", "list");
        Assert.Equal(0, listed.Code);
        Assert.Equal([id, email, "ML, NG", "fr", "false", "internal"], Row(listed.Output, id));

        // A report from Nigeria, through the public API, processed by the queue trigger.
        var report = ReportClient.NewReport();
        report["occurredAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["location"]!["country"] = "NG";
        report["location"]!["admin1"] = "Borno";
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Host.Client.WaitForStatusAsync((string)report["submissionId"]!, "processed", TimeSpan.FromSeconds(60), Ct);
        fixture.Smtp.Clear();

        // Compile and read it.
        var compiled = await RunAsync(admin, "digests", "compile", today);
        Assert.Equal(0, compiled.Code);
        Assert.Contains($"Compiled the digest of {today}", compiled.Output, StringComparison.Ordinal);
        var nigeria = Row(compiled.Output, "NG");
        Assert.NotEmpty(nigeria);
        Assert.True(int.Parse(nigeria[1], CultureInfo.InvariantCulture) >= 1, compiled.Output);
        var markdown = await RunAsync(admin, "digests", "show", today);
        Assert.Equal(0, markdown.Code);
        Assert.Contains("## NG", markdown.Output, StringComparison.Ordinal);
        var json = await RunAsync(admin, "digests", "show", "latest", "--format", "json");
        Assert.Equal(0, json.Code);
        var digest = JsonNode.Parse(json.Output)!;
        Assert.Equal(today, (string)digest["day"]!);
        Assert.Contains(digest["regions"]!.AsArray(), r => (string)r!["region"]! == "NG");

        // Send: one message, to the subscriber, cut to the regions followed.
        var sent = await RunAsync(admin, "digests", "send", today, "--subscriber", id);
        Assert.Equal(0, sent.Code);
        Assert.Equal([id, "sent", "smtp"], Row(sent.Output, id));
        Assert.Contains("1 sent, 0 skipped", sent.Output, StringComparison.Ordinal);
        var message = Assert.Single(await fixture.Smtp.WaitForAsync(1, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.StartsWith($"Situation digest {today}", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Borno", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("## SD", message.TextBody, StringComparison.Ordinal);

        // A second send without --force sends nothing (the ledger keeps the first send, decided
        // before any mail is handed to the relay); --force sends once more.
        var ledger = Host.App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.DeliveriesTable);
        var partition = ReportIndex.PartitionKey(DateOnly.Parse(today, CultureInfo.InvariantCulture));
        var firstSend = (await ledger.GetEntityAsync<TableEntity>(partition, id, cancellationToken: Ct)).Value;
        var again = await RunAsync(admin, "digests", "send", today, "--subscriber", id);
        Assert.Equal(0, again.Code);
        Assert.Equal([id, "skipped", "-"], Row(again.Output, id));
        Assert.Contains("0 sent, 1 skipped", again.Output, StringComparison.Ordinal);
        var afterRerun = (await ledger.GetEntityAsync<TableEntity>(partition, id, cancellationToken: Ct)).Value;
        Assert.Equal(("sent", firstSend.GetDateTimeOffset("SentAt")), (afterRerun.GetString("State"), afterRerun.GetDateTimeOffset("SentAt")));
        Assert.Single(fixture.Smtp.Messages);
        var forced = await RunAsync(admin, "digests", "send", today, "--subscriber", id, "--force");
        Assert.Equal(0, forced.Code);
        Assert.Equal([id, "sent", "smtp"], Row(forced.Output, id));
        Assert.Equal(2, (await fixture.Smtp.WaitForAsync(2, TimeSpan.FromSeconds(30), Ct)).Count(m => m.To.Mailboxes.Single().Address == email));

        // Remove: gone from the list; a second removal names the reason.
        var removed = await RunAsync(admin, "subscribers", "remove", id);
        Assert.Equal(0, removed.Code);
        Assert.Contains($"Removed subscriber {id}", removed.Output, StringComparison.Ordinal);
        Assert.Empty(Row((await RunAsync(admin, "subscribers", "list")).Output, id));
        var gone = await RunAsync(admin, "subscribers", "remove", id);
        Assert.Equal(1, gone.Code);
        Assert.Contains("404", gone.Output, StringComparison.Ordinal);
        Assert.Contains("No subscriber with this id", gone.Output, StringComparison.Ordinal);

        // The audit names the calls and never the address.
        var audit = await RunAsync(admin, "audit", "--from", DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture));
        Assert.Contains("AddSubscriber", audit.Output, StringComparison.Ordinal);
        Assert.Contains("SendDigest", audit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(email, audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestAndSubscriberCommands_BadInput_ExitOneAndNameTheProblem()
    {
        var admin = Host.AdminToken.Secret;
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var malformed = await RunAsync(admin, "digests", "compile", "2026-13-01");
        var future = await RunAsync(admin, "digests", "send", tomorrow);
        var missing = await RunAsync(admin, "digests", "show", "2001-01-01");
        var badShow = await RunAsync(admin, "digests", "show", "yesterday");
        var badSubscriber = await RunAsync(admin, "subscribers", "add", "--email", "not an address", "--region", "XX");

        Assert.Equal(1, malformed.Code);
        Assert.Contains("'2026-13-01' is not a day", malformed.Output, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", malformed.Output, StringComparison.Ordinal);
        Assert.Equal(1, future.Code);
        Assert.Contains("400", future.Output, StringComparison.Ordinal);
        Assert.Contains("The date must not be in the future (UTC).", future.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.Code);
        Assert.Contains("404", missing.Output, StringComparison.Ordinal);
        Assert.Contains("No digest was compiled for 2001-01-01", missing.Output, StringComparison.Ordinal);
        Assert.Equal(1, badShow.Code);
        Assert.Contains("'yesterday' is not a day", badShow.Output, StringComparison.Ordinal);
        Assert.Equal(1, badSubscriber.Code);
        Assert.Contains("422", badSubscriber.Output, StringComparison.Ordinal);
        Assert.Contains("email: Must be one e-mail address.", badSubscriber.Output, StringComparison.Ordinal);
        Assert.Contains("regions.0:", badSubscriber.Output, StringComparison.Ordinal);
    }
}
