using Azure.Storage;
using Intake.Core.Configuration;

namespace Intake.Core.Storage;

/// <summary>
/// Attachments of OpenRosa submissions, in the raw submissions container (so the evidence
/// retention policy covers them too) under <c>attachments/</c>. Each distinct content is stored
/// once, named by its SHA-256; each submission's file is an empty link blob
/// <c>attachments/reports/{reportId}/{fileName}</c> whose metadata names the content. Both are
/// written with <c>If-None-Match: *</c>: nothing is ever overwritten.
/// </summary>
public sealed class AttachmentStore(BlobServiceClient blobs)
{
    /// <summary>Where attachments live in the raw submissions container.</summary>
    public const string Prefix = "attachments/";

    private const string Sha256Key = "sha256";
    private const string ContentTypeKey = "contenttype";
    private const string LengthKey = "length";
    private const string ReceivedAtKey = "receivedat";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.RawSubmissions);

    /// <summary>The attachments stored for a report, by file name.</summary>
    public async Task<IReadOnlyDictionary<string, StoredAttachment>> ListAsync(Guid reportId, CancellationToken cancellationToken = default)
    {
        var prefix = LinkPrefix(reportId);
        var result = new Dictionary<string, StoredAttachment>(StringComparer.Ordinal);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix }, cancellationToken);
        await foreach (var blob in pages.ConfigureAwait(false))
        {
            var name = blob.Name[prefix.Length..];
            result[name] = ToAttachment(name, blob.Metadata);
        }

        return result;
    }

    /// <summary>Reads the bytes of a stored attachment.</summary>
    /// <exception cref="RequestFailedException">No such content (404) or storage failed.</exception>
    public async Task<BinaryData> ReadAsync(StoredAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var download = await _container.GetBlobClient(ContentName(attachment.Sha256)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return download.Value.Content;
    }

    /// <summary>
    /// Stores the content (unless that content is already stored) and links it to the report.
    /// Returns false when the report already had a file with this name; nothing is overwritten.
    /// </summary>
    public async Task<bool> TryAddAsync(Guid reportId, StoredAttachment attachment, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var metadata = new Dictionary<string, string>
        {
            [Sha256Key] = attachment.Sha256,
            [ContentTypeKey] = attachment.ContentType,
            [LengthKey] = attachment.Length.ToString(CultureInfo.InvariantCulture),
            [ReceivedAtKey] = receivedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        try
        {
            using (TransferChecksum.Md5Of(content.Span))
            {
                await _container.GetBlobClient(ContentName(attachment.Sha256)).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = attachment.ContentType },
                    Metadata = metadata,
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // The same bytes (same SHA-256) are already stored, for this report or another.
        }

        try
        {
            await _container.GetBlobClient(LinkPrefix(reportId) + attachment.FileName).UploadAsync(BinaryData.Empty, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = metadata,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return false;
        }
    }

    /// <summary>The blob name of a content.</summary>
    public static string ContentName(string sha256) => $"{Prefix}sha256/{sha256}";

    /// <summary>The name prefix of a report's links.</summary>
    public static string LinkPrefix(Guid reportId) => $"{Prefix}reports/{reportId:D}/";

    private static StoredAttachment ToAttachment(string name, IDictionary<string, string> metadata) => new(
        name,
        metadata.TryGetValue(Sha256Key, out var sha) ? sha : "",
        metadata.TryGetValue(ContentTypeKey, out var type) ? type : "application/octet-stream",
        metadata.TryGetValue(LengthKey, out var length) && long.TryParse(length, CultureInfo.InvariantCulture, out var size) ? size : 0);
}
