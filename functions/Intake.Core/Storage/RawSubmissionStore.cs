using Azure.Storage;
using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>
/// Raw submissions, kept byte for byte. The conditional create (<c>If-None-Match: *</c>) of a
/// blob named by the submission id is the idempotency gate: exactly one writer wins, and a
/// blob once written is never overwritten by this code.
/// </summary>
public sealed class RawSubmissionStore(BlobServiceClient blobs)
{
    private const string Sha256Key = "sha256";
    private const string ReceivedAtKey = "receivedat";
    private const string SourceKey = "source";
    private const string SubmitterKey = "submitter";
    private const string CampaignKey = "campaign";

    /// <summary>
    /// The blob index tag holding the minute of receipt (<c>yyyyMMddHHmm</c>, UTC). Set in the same
    /// Put Blob call as the bytes, so it costs no extra storage call; it lets the reconciler ask storage
    /// for the submissions of its look-back window instead of listing every blob ever stored.
    /// </summary>
    internal const string ReceivedTag = "received";

    private const string ReceivedTagFormat = "yyyyMMddHHmm";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.RawSubmissions);

    /// <summary>
    /// Writes the submission unless a blob with its id exists. Returns null when this call wrote
    /// it, or the existing submission's record when one was already there.
    /// </summary>
    /// <exception cref="RequestFailedException">Storage refused the write for another reason.</exception>
    public async Task<RawSubmission?> TryCreateAsync(RawSubmission submission, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string>
            {
                [Sha256Key] = submission.Sha256,
                [ReceivedAtKey] = submission.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                [SourceKey] = submission.Source,
            },
            Tags = new Dictionary<string, string> { [ReceivedTag] = ReceivedTagValue(submission.ReceivedAt) },
        };

        if (submission.SubmitterId is { Length: > 0 } submitter)
        {
            options.Metadata[SubmitterKey] = submitter;
        }

        if (submission.Campaign is { Length: > 0 } campaign)
        {
            // On the blob too, so that a report the reconciler indexes keeps its campaign.
            options.Metadata[CampaignKey] = campaign;
        }

        try
        {
            // Content-MD5 on the request: storage rejects the write if a byte changed on the way.
            using (TransferChecksum.Md5Of(content.Span))
            {
                await _container.GetBlobClient(BlobName(submission.ReportId))
                    .UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return await GetAsync(submission.ReportId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Submission {submission.ReportId} exists but could not be read back.", e);
        }
    }

    /// <summary>Reads a submission's record; null when there is none.</summary>
    public async Task<RawSubmission?> GetAsync(Guid reportId, CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await _container.GetBlobClient(BlobName(reportId))
                .GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToSubmission(reportId, properties.Value.Metadata, properties.Value.ContentLength, properties.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Reads a submission's bytes and its record (the metadata comes with the download: one call).</summary>
    /// <exception cref="RequestFailedException">The blob does not exist (404) or storage failed.</exception>
    public async Task<(RawSubmission Record, BinaryData Content)> ReadWithRecordAsync(Guid reportId, CancellationToken cancellationToken = default)
    {
        var download = await _container.GetBlobClient(BlobName(reportId))
            .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        var details = download.Value.Details;
        return (ToSubmission(reportId, details.Metadata, details.ContentLength, details.LastModified), download.Value.Content);
    }

    /// <summary>Reads a submission's bytes.</summary>
    /// <exception cref="RequestFailedException">The blob does not exist (404) or storage failed.</exception>
    public async Task<BinaryData> ReadAsync(Guid reportId, CancellationToken cancellationToken = default)
    {
        var download = await _container.GetBlobClient(BlobName(reportId))
            .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return download.Value.Content;
    }

    /// <summary>
    /// The ids of the submissions received at or after <paramref name="since"/> (to the minute), found
    /// by their <see cref="ReceivedTag"/> blob index tag: storage answers only the blobs of the window,
    /// whatever else the container holds. The blob index is eventually consistent (a new blob's tag
    /// may take a little while to be found), which a look-back of hours does not notice.
    /// </summary>
    public async IAsyncEnumerable<Guid> ListReceivedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = $"\"{ReceivedTag}\" >= '{ReceivedTagValue(since)}'";
        await foreach (var item in _container.FindBlobsByTagsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            if (Guid.TryParseExact(item.BlobName, "D", out var id))
            {
                yield return id;
            }
        }
    }

    /// <summary>
    /// Lists submissions last modified at or after <paramref name="since"/> by reading the whole
    /// container: the cost grows with everything ever stored. Only for submissions stored before they
    /// carried the <see cref="ReceivedTag"/> tag.
    /// </summary>
    public async IAsyncEnumerable<RawSubmission> ListSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Submissions are named by id at the root; a hierarchical listing does not walk the
        // attachments under "attachments/" (see AttachmentStore).
        var pages = _container.GetBlobsByHierarchyAsync(BlobTraits.Metadata, BlobStates.None, "/", prefix: null, cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            if (item.IsBlob && item.Blob.Properties.LastModified is { } modified && modified >= since
                && Guid.TryParseExact(item.Blob.Name, "D", out var id))
            {
                yield return ToSubmission(id, item.Blob.Metadata, item.Blob.Properties.ContentLength ?? 0, modified);
            }
        }
    }

    private static string ReceivedTagValue(DateTimeOffset at) => at.UtcDateTime.ToString(ReceivedTagFormat, CultureInfo.InvariantCulture);

    /// <summary>The blob name of a report id.</summary>
    public static string BlobName(Guid reportId) => reportId.ToString("D");

    private static RawSubmission ToSubmission(Guid id, IDictionary<string, string> metadata, long length, DateTimeOffset lastModified)
    {
        var receivedAt = metadata.TryGetValue(ReceivedAtKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : lastModified;
        return new RawSubmission(
            id,
            metadata.TryGetValue(Sha256Key, out var sha) ? sha : "",
            receivedAt,
            metadata.TryGetValue(SourceKey, out var source) ? source : "unknown",
            length,
            metadata.TryGetValue(SubmitterKey, out var submitter) ? submitter : null)
        {
            Campaign = metadata.TryGetValue(CampaignKey, out var campaign) ? campaign : null,
        };
    }
}
