using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Intake.Core.Configuration;
using Intake.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Intake.Core.Digest;

/// <summary>
/// Compiles the counts of one day from its index partition (one partition query, not one read
/// per report) and stores them as <c>digests/yyyy/MM/dd/summary.json</c>.
/// </summary>
public sealed partial class DailySummaryCompiler(ReportIndex index, BlobServiceClient blobs, TimeProvider time, ILogger<DailySummaryCompiler> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Compiles the summary of the UTC day before now (what the daily timer does).</summary>
    public Task<DailySummary> CompilePreviousDayAsync(CancellationToken cancellationToken = default) =>
        CompileAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1), cancellationToken);

    /// <summary>Compiles and stores the summary of <paramref name="day"/>; recompiling overwrites it with the same bytes.</summary>
    public async Task<DailySummary> CompileAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        int received = 0, processed = 0, failed = 0, killed = 0, injured = 0;
        var byCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byCountry = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        await foreach (var row in index.ReadDayAsync(day, cancellationToken).ConfigureAwait(false))
        {
            received++;
            if (row.Status == ReportStatus.Failed)
            {
                failed++;
            }

            if (row is not { Status: ReportStatus.Processed, Classification: { } c })
            {
                continue;
            }

            processed++;
            killed += c.Killed ?? 0;
            injured += c.Injured ?? 0;
            byCategory[c.Category] = byCategory.GetValueOrDefault(c.Category) + 1;
            var country = c.Country ?? "unknown";
            if (!byCountry.TryGetValue(country, out var areas))
            {
                byCountry[country] = areas = new SortedDictionary<string, int>(StringComparer.Ordinal);
            }

            var admin1 = c.Admin1 ?? "unknown";
            areas[admin1] = areas.GetValueOrDefault(admin1) + 1;
        }

        var summary = new DailySummary(
            day, received, processed, failed, killed, injured, byCategory,
            new SortedDictionary<string, AreaCount>(
                byCountry.ToDictionary(p => p.Key, p => new AreaCount(p.Value.Values.Sum(), p.Value)), StringComparer.Ordinal));

        var blob = blobs.GetBlobContainerClient(StorageNames.Digests).GetBlobClient(BlobName(day));
        await blob.UploadAsync(
            BinaryData.FromObjectAsJson(summary, Json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);
        LogCompiled(day, received, processed);
        return summary;
    }

    /// <summary>The blob name of a day's summary.</summary>
    public static string BlobName(DateOnly day) => $"{day:yyyy}/{day:MM}/{day:dd}/summary.json";

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Compiled the daily summary of {Day}: {Received} received, {Processed} processed")]
    private partial void LogCompiled(DateOnly day, int received, int processed);
}
