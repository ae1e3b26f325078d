using Intake.Core.Configuration;
using Intake.Core.Digest.Rendering;

namespace Intake.Core.Digest;

/// <summary>
/// Compiled digests as blobs in <see cref="StorageNames.Digests"/> under <c>yyyy/MM/dd/</c>:
/// <c>digest.json</c>, <c>digest.md</c>, <c>digest.html</c>, <c>chart-{region}.png</c> and
/// <c>compile.json</c>; <c>latest.json</c> names the most recent day compiled.
/// </summary>
public sealed class DigestArchive(BlobServiceClient blobs)
{
    /// <summary>The JSON digest's file name.</summary>
    public const string JsonFile = "digest.json";

    /// <summary>The Markdown digest's file name.</summary>
    public const string MarkdownFile = "digest.md";

    /// <summary>The HTML digest's file name (charts inlined as data URIs, for browsers).</summary>
    public const string HtmlFile = "digest.html";

    /// <summary>The compile record's file name.</summary>
    public const string CompileFile = "compile.json";

    private const string LatestBlob = "latest.json";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Digests);

    /// <summary>The folder of a day.</summary>
    public static string Folder(DateOnly day) => day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + "/";

    /// <summary>The chart's file name of a region.</summary>
    public static string ChartFile(string region) => $"chart-{region}.png";

    /// <summary>Stores one file of a day, replacing it.</summary>
    public Task SaveAsync(DateOnly day, string file, byte[] content, string contentType, CancellationToken cancellationToken = default) =>
        _container.GetBlobClient(Folder(day) + file).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    /// <summary>Reads one file of a day; null when it does not exist.</summary>
    public async Task<byte[]?> ReadAsync(DateOnly day, string file, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _container.GetBlobClient(Folder(day) + file).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Whether the day's digest exists.</summary>
    public async Task<bool> ExistsAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        (await _container.GetBlobClient(Folder(day) + JsonFile).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>How many years back from the latest digest <see cref="ListDaysAsync"/> looks (one listing call each).</summary>
    public const int ListYears = 10;

    /// <summary>
    /// The days that have a digest, before <paramref name="before"/> (all when null), newest first,
    /// at most <paramref name="max"/>: one listing of the year's folder per year, from the latest
    /// digest's year back at most <see cref="ListYears"/> years; nothing listed when none was compiled.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> ListDaysAsync(DateOnly? before, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (await LatestAsync(cancellationToken).ConfigureAwait(false) is not { } latest)
        {
            return [];
        }

        var days = new List<DateOnly>();
        var first = before is { } b && b.Year < latest.Year ? b.Year : latest.Year;
        for (var year = first; year > first - ListYears && days.Count < max; year--)
        {
            var ofYear = new List<DateOnly>();
            var prefix = year.ToString("D4", CultureInfo.InvariantCulture) + "/";
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                // yyyy/MM/dd/digest.json: the JSON digest is what makes a day's digest exist (ExistsAsync).
                if (blob.Name.Length == 10 + 1 + JsonFile.Length && blob.Name.EndsWith("/" + JsonFile, StringComparison.Ordinal) &&
                    DateOnly.TryParseExact(blob.Name[..10], "yyyy/MM/dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) &&
                    (before is null || day < before))
                {
                    ofYear.Add(day);
                }
            }

            days.AddRange(ofYear.OrderDescending().Take(max - days.Count));
        }

        return days;
    }

    /// <summary>Records <paramref name="day"/> as the latest when it is later than the current one.</summary>
    public async Task MarkLatestAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var current = await LatestAsync(cancellationToken).ConfigureAwait(false);
        if (current is { } known && known >= day)
        {
            return;
        }

        await _container.GetBlobClient(LatestBlob).UploadAsync(
            BinaryData.FromObjectAsJson(new LatestPointer(day), DigestJson.Options), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most recent day compiled; null when none is.</summary>
    public async Task<DateOnly?> LatestAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _container.GetBlobClient(LatestBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<LatestPointer>(content.Value.Content.ToMemory().Span, DigestJson.Options)?.Day;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private sealed record LatestPointer(DateOnly Day);
}
