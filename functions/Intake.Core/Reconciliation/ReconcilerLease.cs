using Azure.Storage.Blobs.Specialized;
using Intake.Core.Configuration;

namespace Intake.Core.Reconciliation;

/// <summary>
/// The blob lease that lets one reconciler pass run at a time across every instance (start-up
/// passes, the timer, an admin's <c>POST admin/reconcile</c>). The blob <c>digests/reconciler/lease</c>
/// sits with the pipeline's other derived state (the tally snapshots), never among the evidence in
/// <c>raw-submissions</c>. Its metadata also records when this version first ran
/// (<see cref="TaggedSince"/>): submissions stored before then have no receipt tag.
/// A pass is idempotent, so the lease saves work rather than guarding correctness: if a renewal
/// fails (storage unreachable for a minute), the pass goes on and a second one may overlap it.
/// </summary>
internal sealed partial class ReconcilerLease : IAsyncDisposable
{
    /// <summary>The blob that carries the lease.</summary>
    internal const string BlobName = "reconciler/lease";

    private const string TaggedSinceKey = "taggedsince";

    // The shortest lease storage grants, renewed well before it ends: a pass of any length keeps it,
    // and the lease of an instance that crashed mid-pass ends within 15 s, so the restarted host's
    // passes are not held off for long.
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private readonly ILogger _logger;

    private ReconcilerLease(BlobLeaseClient lease, DateTimeOffset taggedSince, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _logger = logger;
        TaggedSince = taggedSince;
        _renewal = RenewAsync(time, _stop.Token);
    }

    /// <summary>When the first pass of a version that tags submissions ran: the oldest receipt the tag query can be trusted for.</summary>
    public DateTimeOffset TaggedSince { get; }

    /// <summary>Takes the lease; null when another pass holds it.</summary>
    public static async Task<ReconcilerLease?> TryAcquireAsync(BlobServiceClient blobs, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var blob = blobs.GetBlobContainerClient(StorageNames.Digests).GetBlobClient(BlobName);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { [TaggedSinceKey] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Created by an earlier pass (409), or leased right now (412): both fine.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }

        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var taggedSince = properties.Value.Metadata.TryGetValue(TaggedSinceKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : DateTimeOffset.MinValue;
        return new ReconcilerLease(lease, taggedSince, time, logger);
    }

    /// <summary>Stops renewing and releases the lease, so the next pass need not wait for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        try
        {
            await _lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            // It ends by itself within Duration.
            LogReleaseFailed(e);
        }
    }

    private async Task RenewAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, time, cancellationToken).ConfigureAwait(false);
                try
                {
                    await _lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e)
                {
                    LogRenewFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The pass is over.
        }
    }

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Reconciler could not renew its lease; the pass goes on (it is idempotent)")]
    private partial void LogRenewFailed(Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Reconciler could not release its lease; it ends within 15 s")]
    private partial void LogReleaseFailed(Exception exception);
}
