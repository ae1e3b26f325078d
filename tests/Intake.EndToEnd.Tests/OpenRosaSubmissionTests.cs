using System.Net;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>Submissions as ODK Collect and Enketo send them, through the self-host over real HTTP.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenRosaSubmissionTests(SelfHostFixture fixture)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    private static (string, string, byte[]) Photo(int seed = 1) => (OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Jpeg(seed));

    private static (string, string, byte[]) Recording(int seed = 1) => (OpenRosaFixtures.CollectRecording, "audio/mp4", OpenRosaFixtures.M4a(seed));

    private Task<IReadOnlyDictionary<string, StoredAttachment>> StoredAsync(Guid id) =>
        fixture.Host.App.Services.GetRequiredService<AttachmentStore>().ListAsync(id, Ct);

    /// <summary>Waits until the report is processed, so that no queued work spills into the next test.</summary>
    private Task<System.Text.Json.Nodes.JsonObject> ProcessedAsync(Guid id) => Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Processed, ProcessingTimeout, Ct);

    [Fact]
    public async Task Submit_CollectWithAttachments_201ThenProcessedLikeAJsonReport()
    {
        var id = Guid.NewGuid();
        var countedBefore = await DigestCountAsync("SD", "attack-on-civilians");

        using var response = await Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Ct, Photo(), Recording());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1.0", response.Header("X-OpenRosa-Version"));
        var (_, nature, _) = await response.ReadOpenRosaResponseAsync(Ct);
        Assert.Equal("submit_success", nature);
        var status = await Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Processed, ProcessingTimeout, Ct);
        Assert.Equal(("openrosa", "attack-on-civilians", 4, "SD"), ((string?)status["source"], (string?)status["category"], (int?)status["severity"], (string?)status["country"]));
        Assert.Equal(["RF1", "RF11", "RF12", "RF13"], status["riskFactors"]!.AsArray().Select(r => (string)r!));
        var stored = await StoredAsync(id);
        Assert.Equal(["image/jpeg", "video/mp4"], stored.Values.Select(a => a.ContentType).Order(StringComparer.Ordinal));
        // And the day's digest counts it, like a JSON report.
        Assert.True(await DigestCountAsync("SD", "attack-on-civilians") >= countedBefore + 1);
    }

    /// <summary>Compiles today's digest through the admin API and reads one region's count of one category received today.</summary>
    private async Task<int> DigestCountAsync(string region, string category)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var compiled = await fixture.Host.AdminClient.PostAsync(new Uri($"/api/admin/digests/{today}/compile", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        using var response = await fixture.Host.AdminClient.GetAsync(new Uri($"/api/digests/{today}?format=json", UriKind.Relative), Ct);
        var digest = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var found = digest["regions"]!.AsArray().SingleOrDefault(r => (string)r!["region"]! == region);
        return (int?)found?["received"]?["byCategory"]?[category] ?? 0;
    }

    [Fact]
    public async Task Submit_IdenticalAgain_202AndNothingNewStored()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);
        using var first = await Client.SubmitOpenRosaAsync(xml, Ct, Photo());
        await ProcessedAsync(id);
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);

        using var again = await Client.SubmitOpenRosaAsync(xml, Ct, Photo());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct));
    }

    [Fact]
    public async Task Submit_AttachmentInASecondRequest_201AndStored()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);
        using var first = await Client.SubmitOpenRosaAsync(xml, Ct, Photo());

        using var second = await Client.SubmitOpenRosaAsync(xml, Ct, Recording());
        using var third = await Client.SubmitOpenRosaAsync(xml, Ct, Photo(), Recording());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode, third.StatusCode));
        var stored = await StoredAsync(id);
        Assert.Equal([OpenRosaFixtures.CollectPhoto, OpenRosaFixtures.CollectRecording], stored.Keys.Order(StringComparer.Ordinal));
        var recording = await fixture.Host.App.Services.GetRequiredService<AttachmentStore>().ReadAsync(stored[OpenRosaFixtures.CollectRecording], Ct);
        Assert.Equal(OpenRosaFixtures.M4a(), recording.ToArray());
        await ProcessedAsync(id);
    }

    [Fact]
    public async Task Submit_MixedNewAndDuplicateAttachments_201StoresOnlyTheNewOne()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id);
        using var first = await Client.SubmitOpenRosaAsync(xml, Ct, Photo());
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);

        // A recording no other test sent, so its content is new to the store as well.
        using var second = await Client.SubmitOpenRosaAsync(xml, Ct, Photo(), Recording(seed: Random.Shared.Next()));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Contains("1 more attachment", (await second.ReadOpenRosaResponseAsync(Ct)).Message, StringComparison.Ordinal);
        // One new content blob and one new link; the photo is not stored again.
        Assert.Equal(before.RawBlobs + 2, (await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct)).RawBlobs);
        Assert.Equal(2, (await StoredAsync(id)).Count);
        await ProcessedAsync(id);
    }

    [Fact]
    public async Task Submit_SameInstanceIdOtherXml_409AndTheFirstIsKept()
    {
        var id = Guid.NewGuid();
        using var first = await Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Ct);

        using var other = await Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Enketo, id), Ct);

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("instance-conflict", (await other.ReadOpenRosaResponseAsync(Ct)).Code);
        var raw = await fixture.Host.App.Services.GetRequiredService<RawSubmissionStore>().ReadAsync(id, Ct);
        Assert.Equal(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), raw.ToArray());
        await ProcessedAsync(id);
    }

    [Fact]
    public async Task Submit_EnketoThroughAPathToken_201AndProcessed()
    {
        var id = Guid.NewGuid();

        // No header: the submitter token travels in the path; the report is still that submitter's.
        using var response = await fixture.Host.AnonymousClient.SubmitOpenRosaAsync(
            OpenRosaClient.Multipart(OpenRosaFixtures.Load(OpenRosaFixtures.Enketo, id)), Ct, $"/api/key/{fixture.Host.SubmitterToken.Secret}/openrosa/submission");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var status = await Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Processed, ProcessingTimeout, Ct);
        Assert.Equal(("forced-displacement", "2026-11-22"), ((string?)status["category"], (string?)status["occurredOn"]));
    }

    [Fact]
    public async Task Submit_WellFormedButNotAValidReport_AcknowledgedKeptAndNeedsReview()
    {
        var id = Guid.NewGuid();
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.OldVersion, id);

        using var response = await Client.SubmitOpenRosaAsync(xml, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var status = await Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.NeedsReview, ProcessingTimeout, Ct);
        var reasons = status["reviewReasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.StartsWith("what/category:", StringComparison.Ordinal));
        Assert.Null((string?)status["lastError"]);
        var raw = await fixture.Host.App.Services.GetRequiredService<RawSubmissionStore>().ReadAsync(id, Ct);
        Assert.Equal(xml, raw.ToArray());
    }

    [Fact]
    public async Task Submit_EncryptedManifest_StoredWithAttachmentsAndMarkedEncrypted()
    {
        var id = Guid.NewGuid();

        using var response = await Client.SubmitOpenRosaAsync(
            OpenRosaFixtures.Load(OpenRosaFixtures.Encrypted, id),
            Ct,
            (OpenRosaFixtures.EncryptedInstance, "application/octet-stream", OpenRosaFixtures.Ciphertext(1)),
            (OpenRosaFixtures.EncryptedPhoto, "application/octet-stream", OpenRosaFixtures.Ciphertext(2)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Encrypted, ProcessingTimeout, Ct);
        var stored = await StoredAsync(id);
        Assert.Equal([OpenRosaFixtures.EncryptedPhoto, OpenRosaFixtures.EncryptedInstance], stored.Keys.Order(StringComparer.Ordinal));
    }
}
