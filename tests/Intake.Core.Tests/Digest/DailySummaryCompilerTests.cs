using Azure.Storage.Blobs;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Processing;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Digest;

[Collection(StorageCollection.Name)]
public sealed class DailySummaryCompilerTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task CompileAsync_DayWithReports_CountsPerCategoryAndAreaAndIsByteIdenticalOnRecompile()
    {
        var intake = _services.GetRequiredService<ReportIntake>();
        foreach (var (category, admin1) in new[] { ("killing", "North Darfur"), ("killing", "West Darfur"), ("abduction-disappearance", "North Darfur") })
        {
            var report = SampleReports.Valid();
            report["category"] = category;
            report["location"]!["admin1"] = admin1;
            await intake.SubmitJsonAsync(SampleReports.Bytes(report), Ct);
        }

        var unprocessed = SampleReports.Valid();
        await intake.SubmitJsonAsync(SampleReports.Bytes(unprocessed), Ct);
        var messages = await new StorageProbe(_services).ReceiveAllAsync(Ct);
        foreach (var (message, _) in messages.Where(m => m.Message.ReportId.ToString() != (string)unprocessed["submissionId"]!))
        {
            await _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, 1, Ct);
        }

        var day = messages[0].Message.ReceivedOn;
        var compiler = _services.GetRequiredService<DailySummaryCompiler>();

        var summary = await compiler.CompileAsync(day, Ct);
        var first = await ReadAsync(day);
        await compiler.CompileAsync(day, Ct);
        var second = await ReadAsync(day);

        Assert.Equal((4, 3, 0, 9, 21), (summary.Received, summary.Processed, summary.Failed, summary.Killed, summary.Injured));
        Assert.Equal(2, summary.ByCategory["killing"]);
        Assert.Equal(1, summary.ByCategory["abduction-disappearance"]);
        Assert.Equal(3, summary.ByCountry["SD"].Total);
        Assert.Equal(2, summary.ByCountry["SD"].Admin1["North Darfur"]);
        Assert.Equal(first, second);
        Assert.DoesNotContain("narrative", System.Text.Encoding.UTF8.GetString(first), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CompileAsync_QuietDay_StoresZeroCounts()
    {
        var day = new DateOnly(2020, 1, 1);

        var summary = await _services.GetRequiredService<DailySummaryCompiler>().CompileAsync(day, Ct);

        Assert.Equal(0, summary.Received);
        Assert.Empty(summary.ByCategory);
        Assert.NotEmpty(await ReadAsync(day));
    }

    private async Task<byte[]> ReadAsync(DateOnly day)
    {
        var blob = _services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.Digests).GetBlobClient(DailySummaryCompiler.BlobName(day));
        return (await blob.DownloadContentAsync(Ct)).Value.Content.ToArray();
    }
}
