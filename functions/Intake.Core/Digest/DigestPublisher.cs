using Intake.Core.Configuration;
using Intake.Core.Digest.Rendering;
using Intake.Core.Digest.Tally;
using Intake.Core.Storage;

namespace Intake.Core.Digest;

/// <summary>
/// Compiles a day's digest from the tally (a few hundred cells, not every report) and stores it
/// in every format with its charts and compile record. Recompiling a day from the same reports
/// writes byte-identical <c>digest.json</c>.
/// </summary>
public sealed partial class DigestPublisher(
    TallySnapshots tally,
    ReportIndex index,
    DigestCompiler compiler,
    DigestArchive archive,
    QueueServiceClient queues,
    TimeProvider time,
    ILogger<DigestPublisher> logger)
{
    /// <summary>Compiles and stores the digest of <paramref name="day"/>.</summary>
    public async Task<SituationDigest> PublishAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var cells = new List<TallyCell>();
        await foreach (var cell in tally.ReadAsync(compiler.FirstReceivedDay(day), day, cancellationToken).ConfigureAwait(false))
        {
            cells.Add(cell);
        }

        var processed = cells.Where(c => c.ReceivedOn == day).Sum(c => c.Counts.Reports);
        var unprocessed = await index.CountUnprocessedAsync(day, cancellationToken).ConfigureAwait(false);
        var pipeline = new PipelineHealth(processed + unprocessed.Total, processed, unprocessed.Failed, unprocessed.Waiting, unprocessed.NeedsReview, unprocessed.Encrypted);
        var digest = compiler.Compile(day, cells, pipeline);
        var json = DigestJson.Serialize(digest);
        var poison = (await queues.GetQueueClient(StorageNames.PoisonQueue).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        var record = new DigestCompileRecord(day, time.GetUtcNow(), Convert.ToHexStringLower(SHA256.HashData(json)), poison);

        var charts = digest.Regions.ToDictionary(r => r.Region, r => DigestChart.Render(r.Occurred), StringComparer.Ordinal);
        var html = DigestHtml.Render(digest, record, region => "data:image/png;base64," + Convert.ToBase64String(charts[region]));
        await Task.WhenAll(
            charts.Select(c => archive.SaveAsync(day, DigestArchive.ChartFile(c.Key), c.Value, "image/png", cancellationToken))
                .Append(archive.SaveAsync(day, DigestArchive.MarkdownFile, Encoding.UTF8.GetBytes(DigestMarkdown.Render(digest, record)), "text/markdown; charset=utf-8", cancellationToken))
                .Append(archive.SaveAsync(day, DigestArchive.HtmlFile, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", cancellationToken))
                .Append(archive.SaveAsync(day, DigestArchive.CompileFile, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(record, DigestJson.Options), "application/json", cancellationToken))).ConfigureAwait(false);
        // The JSON last: its presence is what marks a day as compiled.
        await archive.SaveAsync(day, DigestArchive.JsonFile, json, "application/json", cancellationToken).ConfigureAwait(false);
        await archive.MarkLatestAsync(day, cancellationToken).ConfigureAwait(false);
        LogCompiled(day, digest.Totals.Reports, digest.Alerts.Count, digest.Regions.Count, cells.Count);
        return digest;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Compiled the digest of {Day}: {Received} reports received, {Alerts} alerts, {Regions} regions, from {Cells} tally cells")]
    private partial void LogCompiled(DateOnly day, int received, int alerts, int regions, int cells);
}
