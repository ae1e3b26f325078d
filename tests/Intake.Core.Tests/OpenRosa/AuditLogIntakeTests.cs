using System.Text;
using Intake.Core.OpenRosa;
using Intake.Core.Problems;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Intake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.OpenRosa;

/// <summary>ODK Collect's audit log (<c>meta/audit</c>, <c>audit.csv</c>) arrives with the report, against Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class AuditLogIntakeTests(StorageFixture storage) : IAsyncLifetime
{
    // What Collect writes for a form with <meta><audit/>: one line per event, the header first.
    private static readonly byte[] AuditCsv = Encoding.UTF8.GetBytes(
        "event,node,start,end\nform start,,1764340200000,\nquestion,/data/what/narrative,1764340201000,1764340230000\nform save,,1764340240000,\n");

    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static byte[] CollectWithAudit(Guid id) => Encoding.UTF8.GetBytes(
        OpenRosaFixtures.Text(OpenRosaFixtures.Collect, id).Replace("<meta><instanceID>", "<meta><audit>audit.csv</audit><instanceID>", StringComparison.Ordinal));

    [Fact]
    public async Task SubmitAsync_CollectAuditLog_StoredAsTextAndTheReportProcessed()
    {
        var id = Guid.NewGuid();
        var upload = new OpenRosaUpload(CollectWithAudit(id), [
            new UploadedFile("audit.csv", "text/csv", AuditCsv),
            new UploadedFile(OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Jpeg())]);

        var outcome = await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(upload, Ct);
        var probe = new StorageProbe(_services);
        var (message, count) = Assert.Single(await probe.ReceiveAllAsync(Ct));
        await _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, count, Ct);

        Assert.Equal((OpenRosaResult.Created, 2), (outcome.Result, outcome.AttachmentsAdded));
        var attachments = _services.GetRequiredService<AttachmentStore>();
        var stored = (await attachments.ListAsync(id, Ct))["audit.csv"];
        Assert.Equal("text/csv", stored.ContentType);
        Assert.Equal(AuditCsv, (await attachments.ReadAsync(stored, Ct)).ToArray());
        Assert.Equal(ReportStatus.Processed, (await _services.GetRequiredService<ReportIndex>().GetAsync(message.ReceivedOn, id, Ct))!.Status);
    }

    [Fact]
    public async Task SubmitAsync_AuditLogOverTheLimit_413AndNothingStored()
    {
        await using var services = storage.BuildServices(settings: new Dictionary<string, string?> { ["Intake:OpenRosa:MaxAuditBytes"] = "1024" });
        var id = Guid.NewGuid();
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("question,/data/x,1,2\n", 100)));

        var outcome = await services.GetRequiredService<OpenRosaIntake>().SubmitAsync(new OpenRosaUpload(CollectWithAudit(id), [new UploadedFile("audit.csv", "text/csv", big)]), Ct);

        Assert.Equal(ProblemCatalog.AttachmentTooLarge, outcome.Problem);
        Assert.Null(await services.GetRequiredService<RawSubmissionStore>().GetAsync(id, Ct));
    }

    [Fact]
    public async Task SubmitAsync_AuditLogThatIsBinary_415()
    {
        var outcome = await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(
            new OpenRosaUpload(CollectWithAudit(Guid.NewGuid()), [new UploadedFile("audit.csv", "text/csv", OpenRosaFixtures.Executable())]), Ct);

        Assert.Equal(ProblemCatalog.AttachmentTypeNotAllowed, outcome.Problem);
    }

    [Fact]
    public async Task SubmitAsync_CsvNotNamedAsTheAuditLog_StillRefused()
    {
        var id = Guid.NewGuid();
        var xml = Encoding.UTF8.GetBytes(OpenRosaFixtures.Text(OpenRosaFixtures.Collect, id).Replace(OpenRosaFixtures.CollectPhoto, "notes.csv", StringComparison.Ordinal));

        var outcome = await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(new OpenRosaUpload(xml, [new UploadedFile("notes.csv", "text/csv", AuditCsv)]), Ct);

        Assert.Equal(ProblemCatalog.AttachmentTypeNotAllowed, outcome.Problem);
    }
}
