using System.Text;
using Intake.Core.Digest;
using Intake.Core.OpenRosa;
using Intake.Core.Problems;
using Intake.Core.Processing;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Intake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.OpenRosa.Encryption;

/// <summary>Encrypted submissions from intake to the digest, in managed and offline mode, against Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class EncryptedProcessingTests(StorageFixture storage) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageProbe Probe => new(_services);

    public async ValueTask InitializeAsync()
    {
        await storage.ClearAsync(Ct);
        _services = Managed(TestKeys.First);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private ServiceProvider Managed(params string[] pems) => storage.BuildServices(settings: new Dictionary<string, string?>
    {
        ["Intake:Encryption:Mode"] = "Managed",
        ["Intake:Encryption:PrivateKeyPem"] = string.Join('\n', pems),
    });

    private static CollectEncryptor.Encrypted EncryptCollect(Guid id, string pem, byte[]? photo = null, string version = "2026112801") =>
        new CollectEncryptor(TestKeys.PublicOf(pem)).Encrypt(
            "incident_report", version, $"uuid:{id:D}", OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id),
            (OpenRosaFixtures.CollectPhoto, photo ?? OpenRosaFixtures.Jpeg()), (OpenRosaFixtures.CollectRecording, OpenRosaFixtures.M4a()));

    private static OpenRosaUpload Upload(CollectEncryptor.Encrypted encrypted, Func<string, bool>? which = null) =>
        new(encrypted.Manifest, [.. encrypted.Files.Where(f => which?.Invoke(f.Name) ?? true).Select(f => new UploadedFile(f.Name, "application/octet-stream", f.Content))]);

    private async Task<ReportIndexEntry> ProcessAsync(Guid id)
    {
        var processor = _services.GetRequiredService<ReportProcessor>();
        DateOnly day = default;
        foreach (var (message, count) in await Probe.ReceiveAllAsync(Ct))
        {
            await processor.ProcessAsync(message, count, Ct);
            day = message.ReceivedOn;
        }

        return (await _services.GetRequiredService<ReportIndex>().GetAsync(day, id, Ct))!;
    }

    [Fact]
    public async Task Managed_CollectEncryptedReport_ProcessedCountedAndRawKeptEncrypted()
    {
        var id = Guid.NewGuid();
        var encrypted = EncryptCollect(id, TestKeys.First);

        var outcome = await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(Upload(encrypted), Ct);
        var row = await ProcessAsync(id);

        Assert.Equal((OpenRosaResult.Created, 3), (outcome.Result, outcome.AttachmentsAdded));
        Assert.Equal(ReportStatus.Processed, row.Status);
        Assert.Equal("attack-on-civilians", row.Classification!.Category);
        Assert.Equal(encrypted.Manifest, await Probe.RawBytesAsync(id, Ct));
        var attachments = _services.GetRequiredService<AttachmentStore>();
        var stored = await attachments.ListAsync(id, Ct);
        Assert.Equal(encrypted.Files.Select(f => f.Name).Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(encrypted.Files[0].Content, (await attachments.ReadAsync(stored[encrypted.Files[0].Name], Ct)).ToArray());
        var digest = await _services.GetRequiredService<DigestPublisher>().PublishAsync(row.ReceivedOn, Ct);
        Assert.Equal((1, 3, 7), (digest.Totals.Reports, digest.Totals.Killed, digest.Totals.Injured));
        Assert.Equal(0, digest.Pipeline.Encrypted);
    }

    [Fact]
    public async Task Managed_SplitUpload_StaysEncryptedUntilTheMediaArriveThenProcessed()
    {
        var id = Guid.NewGuid();
        var encrypted = EncryptCollect(id, TestKeys.First);
        var intake = _services.GetRequiredService<OpenRosaIntake>();

        await intake.SubmitAsync(Upload(encrypted, n => n == "submission.xml.enc"), Ct);
        var first = await ProcessAsync(id);
        var second = await intake.SubmitAsync(Upload(encrypted, n => n != "submission.xml.enc"), Ct);
        var last = await ProcessAsync(id);

        Assert.Equal(ReportStatus.Encrypted, first.Status);
        Assert.Equal((OpenRosaResult.AttachmentsAdded, 2), (second.Result, second.AttachmentsAdded));
        Assert.Equal(ReportStatus.Processed, last.Status);
    }

    [Fact]
    public async Task Managed_SignatureMismatch_NeedsReviewNamingTheSignature()
    {
        var id = Guid.NewGuid();
        var encrypted = EncryptCollect(id, TestKeys.First);
        var photo = encrypted.Files.First(f => f.Name == OpenRosaFixtures.EncryptedPhoto).Content;
        photo[40] ^= 0xFF;

        await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(Upload(encrypted), Ct);
        var row = await ProcessAsync(id);

        Assert.Equal(ReportStatus.NeedsReview, row.Status);
        Assert.StartsWith("base64EncryptedElementSignature:", Assert.Single(row.ReviewReasons), StringComparison.Ordinal);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task Managed_SentForAnotherKey_NeedsReviewNamingTheKey()
    {
        var id = Guid.NewGuid();

        await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(Upload(EncryptCollect(id, TestKeys.Second)), Ct);
        var row = await ProcessAsync(id);

        Assert.Equal(ReportStatus.NeedsReview, row.Status);
        Assert.StartsWith("base64EncryptedKey:", Assert.Single(row.ReviewReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Managed_MediaDecryptsToAnExecutable_NeedsReviewNamingTheFile()
    {
        var id = Guid.NewGuid();

        await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(Upload(EncryptCollect(id, TestKeys.First, photo: OpenRosaFixtures.Executable())), Ct);
        var row = await ProcessAsync(id);

        Assert.Equal(ReportStatus.NeedsReview, row.Status);
        Assert.StartsWith($"{OpenRosaFixtures.CollectPhoto}: decrypts to a file that is not an allowed kind", Assert.Single(row.ReviewReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Managed_AfterRotation_ReportSentWithTheOldKeyIsProcessed()
    {
        await _services.DisposeAsync();
        _services = Managed(TestKeys.Second, TestKeys.First);
        var id = Guid.NewGuid();

        await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(Upload(EncryptCollect(id, TestKeys.First)), Ct);
        var row = await ProcessAsync(id);

        Assert.Equal(ReportStatus.Processed, row.Status);
    }

    [Fact]
    public async Task Offline_EncryptedReport_StaysEncryptedAndCountedAsSuchInTheDigest()
    {
        await _services.DisposeAsync();
        _services = storage.BuildServices(settings: new Dictionary<string, string?>
        {
            ["Intake:Encryption:Mode"] = "Offline",
            ["Intake:Encryption:PublicKey"] = Convert.ToBase64String(TestKeys.PublicOf(TestKeys.First)),
        });
        var id = Guid.NewGuid();

        await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(Upload(EncryptCollect(id, TestKeys.First)), Ct);
        var row = await ProcessAsync(id);

        Assert.Equal(ReportStatus.Encrypted, row.Status);
        var digest = await _services.GetRequiredService<DigestPublisher>().PublishAsync(row.ReceivedOn, Ct);
        Assert.Equal((0, 1), (digest.Totals.Reports, digest.Pipeline.Encrypted));
    }

    [Fact]
    public async Task Intake_EncryptedFileNotWholeAesBlocks_Rejected422AndNothingStored()
    {
        var id = Guid.NewGuid();
        var encrypted = EncryptCollect(id, TestKeys.First);
        var upload = new OpenRosaUpload(encrypted.Manifest, [new UploadedFile("submission.xml.enc", "application/octet-stream", encrypted.Files[^1].Content.AsMemory(0, encrypted.Files[^1].Content.Length - 3))]);

        var outcome = await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(upload, Ct);

        Assert.Equal((ProblemCatalog.EncryptedSubmissionMalformed, 422), (outcome.Problem, outcome.Problem!.Status));
        Assert.Null(await _services.GetRequiredService<RawSubmissionStore>().GetAsync(id, Ct));
    }

    [Fact]
    public async Task Intake_ManifestKeyWrongLength_Rejected422NamingTheField()
    {
        var id = Guid.NewGuid();
        var manifest = Encoding.UTF8.GetString(EncryptCollect(id, TestKeys.First).Manifest);
        var start = manifest.IndexOf("<base64EncryptedKey>", StringComparison.Ordinal) + 20;
        manifest = manifest[..start] + "QUJD" + manifest[manifest.IndexOf("</base64EncryptedKey>", StringComparison.Ordinal)..];

        var outcome = await _services.GetRequiredService<OpenRosaIntake>().SubmitAsync(new OpenRosaUpload(Encoding.UTF8.GetBytes(manifest), []), Ct);

        Assert.Equal(ProblemCatalog.EncryptedSubmissionMalformed, outcome.Problem);
        Assert.Contains("'base64EncryptedKey'", outcome.Detail, StringComparison.Ordinal);
    }
}
