using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Intake.Core.Configuration;
using Intake.Core.Digest.Tally;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Core.Processing;

/// <summary>
/// Processes one queued report: re-reads the raw submission, checks its hash, validates,
/// normalises and classifies it, and marks the index row <c>processed</c>. Idempotent: a report
/// already processed is skipped unless the message forces it. On failure the attempt and error
/// are recorded and the exception rethrown, so the queue runtime retries and, after
/// <see cref="StorageNames.MaxDequeueCount"/> deliveries, moves the message to the poison queue.
/// </summary>
public sealed partial class ReportProcessor(
    RawSubmissionStore raw,
    ReportIndex index,
    ReportValidator validator,
    ReportClassifier classifier,
    DailyTally tally,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider time,
    ILogger<ReportProcessor> logger)
{
    private const int MaxErrorLength = 1024;

    /// <summary>Processes one delivery of a queue message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="dequeueCount">How many times the queue has delivered it, this time included.</param>
    /// <param name="cancellationToken">Cancels the work; the message is then delivered again.</param>
    public async Task ProcessAsync(ProcessReportMessage message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ReportId"] = message.ReportId });
        var row = await index.GetAsync(message.ReceivedOn, message.ReportId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            // Queued by a path that had not indexed yet (or the message names the wrong day): repair from the blob.
            var submission = await raw.GetAsync(message.ReportId, cancellationToken).ConfigureAwait(false)
                ?? throw new ReportProcessingException($"No raw submission {message.ReportId} exists.");
            await index.TryAddReceivedAsync(submission, cancellationToken).ConfigureAwait(false);
            row = await index.GetAsync(submission.ReceivedOn, submission.ReportId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Index row of {message.ReportId} vanished after it was added.");
        }

        if (row.Status == ReportStatus.Processed && !message.Force)
        {
            LogAlreadyProcessed(message.ReportId);
            return;
        }

        var attempts = (int)Math.Min(dequeueCount, int.MaxValue);
        try
        {
            var classification = await ClassifyAsync(row, cancellationToken).ConfigureAwait(false);
            // Digest aggregates (issue 6): counted before the row is marked processed, because a
            // processed row is skipped on redelivery; the tally itself is idempotent per report.
            await tally.RecordAsync(row.ReceivedOn, TalliedReport.From(row.ReportId, classification), cancellationToken).ConfigureAwait(false);
            await index.MarkProcessedAsync(row.ReceivedOn, row.ReportId, classification, attempts, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogProcessed(message.ReportId, classification.Category, attempts);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var final = dequeueCount >= StorageNames.MaxDequeueCount;
            var error = Describe(e);
            LogFailed(e, message.ReportId, attempts, final);
            if (row.Status == ReportStatus.Processed)
            {
                // Digest aggregates (issue 6): a forced reprocess that fails leaves the report
                // unprocessed, so it no longer counts in the tally.
                await tally.ForgetAsync(row.ReceivedOn, row.ReportId, cancellationToken).ConfigureAwait(false);
            }

            await index.RecordFailureAsync(row.ReceivedOn, row.ReportId, attempts, error, final, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReportClassification> ClassifyAsync(ReportIndexEntry row, CancellationToken cancellationToken)
    {
        var content = await raw.ReadAsync(row.ReportId, cancellationToken).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        if (row.Sha256.Length > 0 && !string.Equals(sha, row.Sha256, StringComparison.Ordinal))
        {
            throw new ReportProcessingException("The raw submission's SHA-256 differs from the one recorded at intake.");
        }

        IncidentReport report;
        using (var document = JsonDocument.Parse(content.ToMemory()))
        {
            var validation = validator.Validate(document.RootElement);
            if (!validation.IsValid)
            {
                var fields = string.Join(", ", validation.Errors.Select(e => e.Field).Distinct());
                throw new ReportProcessingException($"The stored report no longer validates (fields: {fields}).");
            }

            report = validation.Report!;
        }

        if (options.CurrentValue.HeldCategorySet.Contains(report.Category))
        {
            throw new ReportProcessingException($"Category '{report.Category}' is held by configuration (Intake__HeldCategories).");
        }

        return classifier.Classify(report);
    }

    /// <summary>An error text safe to store and show: our own messages, or the storage error code.</summary>
    private static string Describe(Exception e)
    {
        var text = e switch
        {
            ReportProcessingException => e.Message,
            RequestFailedException r => $"Storage error {r.Status} {r.ErrorCode}",
            JsonException => "The stored submission is not valid JSON.",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Processed report {ReportId} as {Category} (attempt {Attempt})")]
    private partial void LogProcessed(Guid reportId, string category, int attempt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Report {ReportId} is already processed; message completed without changes")]
    private partial void LogAlreadyProcessed(Guid reportId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Processing report {ReportId} failed on attempt {Attempt} (final: {Final})")]
    private partial void LogFailed(Exception exception, Guid reportId, int attempt, bool final);
}
