using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Core.Digest;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Digest;

[Collection(StorageCollection.Name)]
public sealed class DigestPublisherTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices(settings: new Dictionary<string, string?> { ["Intake:HeldCategories"] = "other" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Submits reports through intake and processes them; the held category fails every attempt.</summary>
    private async Task<DateOnly> SubmitAndProcessAsync(params (string Category, string Admin1)[] reports)
    {
        var intake = _services.GetRequiredService<ReportIntake>();
        foreach (var (category, admin1) in reports)
        {
            var report = SampleReports.Valid();
            report["category"] = category;
            report["location"]!["admin1"] = admin1;
            await intake.SubmitJsonAsync(SampleReports.Bytes(report), Ct);
        }

        var messages = await new StorageProbe(_services).ReceiveAllAsync(Ct);
        var processor = _services.GetRequiredService<ReportProcessor>();
        foreach (var (message, _) in messages)
        {
            try
            {
                await processor.ProcessAsync(message, 5, Ct);
            }
            catch (ReportProcessingException)
            {
                // The held category: recorded as failed on its fifth attempt.
            }
        }

        return messages[0].Message.ReceivedOn;
    }

    [Fact]
    public async Task PublishAsync_ProcessedReports_StoresEveryFormatAndRecompilesByteIdentically()
    {
        var day = await SubmitAndProcessAsync(("killing", "North Darfur"), ("killing", "West Darfur"), ("hate-speech-incitement", "North Darfur"), ("other", "North Darfur"));
        var publisher = _services.GetRequiredService<DigestPublisher>();
        var archive = _services.GetRequiredService<DigestArchive>();

        var digest = await publisher.PublishAsync(day, Ct);
        var first = await archive.ReadAsync(day, DigestArchive.JsonFile, Ct);
        var firstRecord = JsonNode.Parse((await archive.ReadAsync(day, DigestArchive.CompileFile, Ct))!)!;
        await publisher.PublishAsync(day, Ct);
        var second = await archive.ReadAsync(day, DigestArchive.JsonFile, Ct);

        Assert.Equal(first, second);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first!)), (string)firstRecord["contentSha256"]!);
        Assert.Equal(new PipelineHealth(4, 3, 1, 0), digest.Pipeline);
        var sd = digest.Regions.Single();
        Assert.Equal(("SD", 3, 9), (sd.Region, sd.Received.Reports, sd.Received.Killed));
        // The schema example occurred days before it was received here: a late arrival.
        Assert.Equal(3, sd.LateArrivals.Reports);
        // One report of incitement is no alert under the quiet default rules.
        Assert.Empty(digest.Alerts);
        Assert.Equal(day, await archive.LatestAsync(Ct));
        var png = await archive.ReadAsync(day, DigestArchive.ChartFile("SD"), Ct);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png![..4]);
        var html = Encoding.UTF8.GetString((await archive.ReadAsync(day, DigestArchive.HtmlFile, Ct))!);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        var markdown = Encoding.UTF8.GetString((await archive.ReadAsync(day, DigestArchive.MarkdownFile, Ct))!);
        Assert.Contains("## SD", markdown, StringComparison.Ordinal);
        foreach (var text in new[] { Encoding.UTF8.GetString(first!), html, markdown })
        {
            AssertNoPersonalData(text);
        }
    }

    [Fact]
    public async Task PublishAsync_ForcedReprocessThatFails_NoLongerCountsTheReport()
    {
        var day = await SubmitAndProcessAsync(("killing", "North Darfur"));
        var id = (await _services.GetRequiredService<ReportIndex>().ReadDayAsync(day, Ct).SingleAsync(Ct)).ReportId;
        await using var holding = storage.BuildServices(settings: new Dictionary<string, string?> { ["Intake:HeldCategories"] = "killing" });

        await Assert.ThrowsAsync<ReportProcessingException>(() =>
            holding.GetRequiredService<ReportProcessor>().ProcessAsync(new ProcessReportMessage(id, day, Force: true), 1, Ct));
        var digest = await _services.GetRequiredService<DigestPublisher>().PublishAsync(day, Ct);

        Assert.Equal(new PipelineHealth(1, 0, 0, 1), digest.Pipeline);
        Assert.Empty(digest.Regions);
    }

    [Fact]
    public async Task PublishAsync_DayWithoutReports_StoresAQuietDigest()
    {
        var day = new DateOnly(2020, 1, 1);

        var digest = await _services.GetRequiredService<DigestPublisher>().PublishAsync(day, Ct);

        Assert.True(digest.Quiet);
        Assert.True(await _services.GetRequiredService<DigestArchive>().ExistsAsync(day, Ct));
    }

    /// <summary>Nothing from the schema example's reporter block or narrative may appear.</summary>
    private static void AssertNoPersonalData(string text)
    {
        var example = SampleReports.Valid();
        Assert.DoesNotContain((string)example["reporter"]!["id"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain((string)example["reporter"]!["contact"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(((string)example["narrative"]!)[..30], text, StringComparison.Ordinal);
        Assert.DoesNotContain("narrative\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Abu Shouk", text, StringComparison.Ordinal);
    }
}
