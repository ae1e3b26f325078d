using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Storage;

[Collection(StorageCollection.Name)]
public sealed class RawSubmissionStoreTests(StorageFixture storage) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TryCreateAsync_AByteChangesOnTheWay_StorageRefusesTheWriteAndKeepsNothing()
    {
        await using var services = storage.BuildServices(configure: s => s.AddSingleton(new StorageClientTransport(new FlipOneByteTransport())));
        var store = services.GetRequiredService<RawSubmissionStore>();
        var body = Encoding.UTF8.GetBytes("""{"submissionId":"the bytes sent","narrative":"as written"}""");
        var submission = new RawSubmission(Guid.NewGuid(), new string('a', 64), DateTimeOffset.UtcNow, "json", body.Length);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => store.TryCreateAsync(submission, body, "application/json", Ct));

        Assert.Equal(400, refused.Status);
        Assert.Equal("Md5Mismatch", refused.ErrorCode);
        await using var plain = storage.BuildServices();
        Assert.Null(await plain.GetRequiredService<RawSubmissionStore>().GetAsync(submission.ReportId, Ct));
    }

    [Fact]
    public async Task StoreAsync_AByteChangesOnTheWay_IsStorageUnavailableSoTheClientSendsAgain()
    {
        await using var services = storage.BuildServices(configure: s => s.AddSingleton(new StorageClientTransport(new FlipOneByteTransport())));
        var body = Encoding.UTF8.GetBytes("""{"submissionId":"the bytes sent","narrative":"as written"}""");
        var submission = new RawSubmission(Guid.NewGuid(), new string('a', 64), DateTimeOffset.UtcNow, "json", body.Length);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => services.GetRequiredService<SubmissionReceipt>().StoreAsync(submission, body, "application/json", Ct));
    }

    [Fact]
    public async Task TryCreateAsync_BytesArriveUnchanged_StoresThemByteForByte()
    {
        await using var services = storage.BuildServices();
        var store = services.GetRequiredService<RawSubmissionStore>();
        var body = Encoding.UTF8.GetBytes("""{"submissionId":"the bytes sent","narrative":"as written"}""");
        var submission = new RawSubmission(Guid.NewGuid(), new string('a', 64), DateTimeOffset.UtcNow, "json", body.Length);

        Assert.Null(await store.TryCreateAsync(submission, body, "application/json", Ct));

        Assert.Equal(body, (await store.ReadAsync(submission.ReportId, Ct)).ToArray());
    }

    /// <summary>The SDK's own HTTP transport, changing the last byte of every blob write's body after the client computed its checksum.</summary>
    private sealed class FlipOneByteTransport : HttpClientTransport
    {
        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Content is { } content)
            {
                using var copy = new MemoryStream();
                await content.WriteToAsync(copy, message.CancellationToken);
                var bytes = copy.ToArray();
                if (bytes.Length > 0)
                {
                    bytes[^1] ^= 0x01;
                    message.Request.Content = RequestContent.Create(bytes);
                }
            }

            await base.ProcessAsync(message);
        }
    }
}
