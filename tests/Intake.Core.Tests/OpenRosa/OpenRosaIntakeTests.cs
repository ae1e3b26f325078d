using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Intake.Core.Problems;
using Intake.Core.Processing;
using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Intake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.OpenRosa;

/// <summary>The OpenRosa intake against Azurite: idempotency, attachments, and the one processing path.</summary>
[Collection(StorageCollection.Name)]
public sealed class OpenRosaIntakeTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private OpenRosaIntake Intake => _services.GetRequiredService<OpenRosaIntake>();

    private StorageProbe Probe => new(_services);

    private static OpenRosaUpload Upload(byte[] xml, params UploadedFile[] files) => new(xml, files);

    private static UploadedFile Photo(int seed = 1) => new(OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Jpeg(seed));

    private static UploadedFile Recording(int seed = 1) => new(OpenRosaFixtures.CollectRecording, "audio/mp4", OpenRosaFixtures.M4a(seed));

    [Fact]
    public async Task SubmitAsync_NewInstance_StoresXmlByteForByteIndexesAndQueues()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);

        var outcome = await Intake.SubmitAsync(Upload(xml, Photo(), Recording()), Ct);

        Assert.Equal((OpenRosaResult.Created, id, 2), (outcome.Result, outcome.ReportId, outcome.AttachmentsAdded));
        Assert.Equal(xml, await Probe.RawBytesAsync(id, Ct));
        var raw = await _services.GetRequiredService<RawSubmissionStore>().GetAsync(id, Ct);
        Assert.Equal(SubmissionSource.OpenRosa, raw!.Source);
        var row = await _services.GetRequiredService<ReportIndex>().GetAsync(raw.ReceivedOn, id, Ct);
        Assert.Equal((ReportStatus.Received, SubmissionSource.OpenRosa), (row!.Status, row.Source));
        Assert.Equal(new ProcessReportMessage(id, raw.ReceivedOn) { RowETag = row.ETag.ToString() }, Assert.Single(await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct)));
        var stored = await _services.GetRequiredService<AttachmentStore>().ListAsync(id, Ct);
        Assert.Equal("image/jpeg", stored[OpenRosaFixtures.CollectPhoto].ContentType);
        Assert.Equal("video/mp4", stored[OpenRosaFixtures.CollectRecording].ContentType);
        Assert.Equal(OpenRosaFixtures.Jpeg(), (await _services.GetRequiredService<AttachmentStore>().ReadAsync(stored[OpenRosaFixtures.CollectPhoto], Ct)).ToArray());
    }

    [Fact]
    public async Task SubmitAsync_SameXmlAgain_AlreadyHaveAndWritesNothing()
    {
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid());
        await Intake.SubmitAsync(Upload(xml, Photo()), Ct);
        var blobs = await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct);

        var again = await Intake.SubmitAsync(Upload(xml, Photo()), Ct);

        Assert.Equal(OpenRosaResult.AlreadyHave, again.Result);
        Assert.Equal(blobs, await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct));
        Assert.Single(await Probe.PeekAsync(StorageNames.ProcessingQueue, Ct));
    }

    [Fact]
    public async Task SubmitAsync_SplitUpload_AddsTheNewAttachmentOnly()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);
        await Intake.SubmitAsync(Upload(xml, Photo()), Ct);

        var second = await Intake.SubmitAsync(Upload(xml, Photo(), Recording()), Ct);

        Assert.Equal((OpenRosaResult.AttachmentsAdded, 1), (second.Result, second.AttachmentsAdded));
        Assert.Equal(2, (await _services.GetRequiredService<AttachmentStore>().ListAsync(id, Ct)).Count);
    }

    [Fact]
    public async Task SubmitAsync_SamePhotoInTwoReports_StoresTheContentOnce()
    {
        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()), Photo()), Ct);

        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()), Photo()), Ct);

        var sha = Convert.ToHexStringLower(SHA256.HashData(OpenRosaFixtures.Jpeg()));
        var container = _services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.RawSubmissions);
        var contents = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = AttachmentStore.Prefix + "sha256/" }, Ct))
        {
            contents.Add(blob.Name);
        }

        Assert.Equal([AttachmentStore.ContentName(sha)], contents);
    }

    [Fact]
    public async Task SubmitAsync_SameInstanceOtherXml_ConflictKeepsTheFirst()
    {
        var id = Guid.NewGuid();
        var first = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);
        await Intake.SubmitAsync(Upload(first), Ct);

        var outcome = await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Enketo, id), Photo()), Ct);

        Assert.Equal(OpenRosaResult.Conflict, outcome.Result);
        Assert.Equal(ProblemCatalog.InstanceConflict, outcome.Problem);
        Assert.Equal(first, await Probe.RawBytesAsync(id, Ct));
        Assert.Empty(await _services.GetRequiredService<AttachmentStore>().ListAsync(id, Ct));
    }

    [Fact]
    public async Task SubmitAsync_SameFileNameOtherBytes_ConflictWritesNothing()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);
        await Intake.SubmitAsync(Upload(xml, Photo(seed: 1)), Ct);
        var blobs = await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct);

        var outcome = await Intake.SubmitAsync(Upload(xml, Photo(seed: 2), Recording()), Ct);

        Assert.Equal(OpenRosaResult.Conflict, outcome.Result);
        Assert.Equal(blobs, await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct));
    }

    [Theory]
    [InlineData("executable", "image/jpeg", "attachment-type-not-allowed")]
    [InlineData("png-as-jpeg", "image/jpeg", "attachment-type-mismatch")]
    public async Task SubmitAsync_BadAttachment_RejectedAndNothingStored(string kind, string declared, string code)
    {
        var content = kind == "executable" ? OpenRosaFixtures.Executable() : OpenRosaFixtures.Png();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid());

        var outcome = await Intake.SubmitAsync(Upload(xml, Recording(), new UploadedFile(OpenRosaFixtures.CollectPhoto, declared, content)), Ct);

        Assert.Equal((OpenRosaResult.Rejected, code), (outcome.Result, outcome.Problem!.Code));
        Assert.Equal(0, await Probe.BlobCountAsync(StorageNames.RawSubmissions, Ct));
        Assert.Equal(0, await Probe.RowCountAsync(Ct));
    }

    [Fact]
    public async Task SubmitAsync_PartNotNamedInTheInstance_IsNotKept()
    {
        var id = Guid.NewGuid();

        var outcome = await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Enketo, id), new UploadedFile("stray.jpg", "image/jpeg", OpenRosaFixtures.Jpeg())), Ct);

        Assert.Equal((OpenRosaResult.Created, 0), (outcome.Result, outcome.AttachmentsAdded));
        Assert.Empty(await _services.GetRequiredService<AttachmentStore>().ListAsync(id, Ct));
    }

    [Fact]
    public async Task ProcessAsync_CollectInstance_ProcessedAsTheSameReportAsJson()
    {
        var id = Guid.NewGuid();
        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Photo()), Ct);
        var (message, count) = Assert.Single(await Probe.ReceiveAllAsync(Ct));

        await _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, count, Ct);

        var row = await _services.GetRequiredService<ReportIndex>().GetAsync(message.ReceivedOn, id, Ct);
        Assert.Equal(ReportStatus.Processed, row!.Status);
        Assert.Equal(("attack-on-civilians", 4, "SD", "North Darfur"), (row.Classification!.Category, row.Classification.Severity, row.Classification.Country, row.Classification.Admin1));
        Assert.Equal(["RF1", "RF11", "RF12", "RF13"], row.Classification.RiskFactors);
    }

    [Fact]
    public async Task ProcessAsync_UnmappableInstance_NeedsReviewWithReasons()
    {
        var id = Guid.NewGuid();
        var outcome = await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.OldVersion, id)), Ct);
        var (message, count) = Assert.Single(await Probe.ReceiveAllAsync(Ct));

        await _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, count, Ct);

        Assert.Equal(OpenRosaResult.Created, outcome.Result);
        var row = await _services.GetRequiredService<ReportIndex>().GetAsync(message.ReceivedOn, id, Ct);
        Assert.Equal(ReportStatus.NeedsReview, row!.Status);
        Assert.Equal(3, row.ReviewReasons.Count);
        Assert.Contains(row.ReviewReasons, r => r.StartsWith("what/category: ", StringComparison.Ordinal));
        Assert.Null(row.LastError);
        Assert.Empty(await Probe.PeekAsync(StorageNames.PoisonQueue, Ct));
    }

    [Fact]
    public async Task ProcessAsync_EncryptedManifest_KeptWithAttachmentsAndMarkedEncrypted()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Encrypted, id);
        var outcome = await Intake.SubmitAsync(Upload(
            xml,
            new UploadedFile(OpenRosaFixtures.EncryptedInstance, "application/octet-stream", OpenRosaFixtures.Ciphertext(1)),
            new UploadedFile(OpenRosaFixtures.EncryptedPhoto, "application/octet-stream", OpenRosaFixtures.Ciphertext(2))), Ct);
        var (message, count) = Assert.Single(await Probe.ReceiveAllAsync(Ct));

        await _services.GetRequiredService<ReportProcessor>().ProcessAsync(message, count, Ct);

        Assert.Equal((OpenRosaResult.Created, 2), (outcome.Result, outcome.AttachmentsAdded));
        Assert.Equal(xml, await Probe.RawBytesAsync(id, Ct));
        var row = await _services.GetRequiredService<ReportIndex>().GetAsync(message.ReceivedOn, id, Ct);
        Assert.Equal(ReportStatus.Encrypted, row!.Status);
        var stored = await _services.GetRequiredService<AttachmentStore>().ListAsync(id, Ct);
        Assert.All(stored.Values, a => Assert.Equal("application/octet-stream", a.ContentType));
    }

    [Fact]
    public async Task Digest_CountsProcessedOpenRosaReportsAndShowsTheOthersInPipelineHealth()
    {
        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()), Photo()), Ct);
        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.OldVersion, Guid.NewGuid())), Ct);
        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Encrypted, Guid.NewGuid())), Ct);
        var processor = _services.GetRequiredService<ReportProcessor>();
        var messages = await Probe.ReceiveAllAsync(Ct);
        foreach (var (message, count) in messages)
        {
            await processor.ProcessAsync(message, count, Ct);
        }

        var digest = await _services.GetRequiredService<Intake.Core.Digest.DigestPublisher>().PublishAsync(messages[0].Message.ReceivedOn, Ct);

        Assert.Equal(new Intake.Core.Digest.PipelineHealth(3, 1, 0, 0, NeedsReview: 1, Encrypted: 1), digest.Pipeline);
        Assert.Equal((1, 3, 7), (digest.Totals.Reports, digest.Totals.Killed, digest.Totals.Injured));
        Assert.Equal(1, Assert.Single(digest.Totals.ByCategory, c => c.Key == "attack-on-civilians").Value);
        Assert.Contains("1 need review", digest.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciler_SkipsAttachmentsAndIndexesOnlySubmissions()
    {
        var id = Guid.NewGuid();
        await Intake.SubmitAsync(Upload(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Photo(), Recording()), Ct);

        var summary = await _services.GetRequiredService<Reconciler>().RunAsync(Ct);

        Assert.Equal((1, 0), (summary.SubmissionsScanned, summary.RowsCreated));
    }
}
