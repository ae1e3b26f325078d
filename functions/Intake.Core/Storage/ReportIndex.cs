using Intake.Core.Configuration;
using Intake.Core.Places;

namespace Intake.Core.Storage;

/// <summary>
/// The report index in table storage. Partition key: the UTC day of receipt (<c>yyyyMMdd</c>),
/// so one day is one partition query; row key: the report id.
/// </summary>
public sealed class ReportIndex(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ReportsTable);

    /// <summary>Adds the row of a newly received report; an existing row is left as it is.</summary>
    /// <returns>True when this call added the row.</returns>
    public async Task<bool> TryAddReceivedAsync(RawSubmission submission, CancellationToken cancellationToken = default) =>
        await TryAddReceivedRowAsync(submission, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Adds the row of a newly received report; an existing row is left as it is.</summary>
    /// <returns>The version (ETag) of the row this call added; null when the row existed.</returns>
    internal async Task<ETag?> TryAddReceivedRowAsync(RawSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            var response = await _table.AddEntityAsync(ReceivedEntity(submission), cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? throw new InvalidOperationException("Table storage answered an insert without the row's ETag.");
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Adds the rows of newly received reports, all of one day of receipt, in one entity group
    /// transaction (at most 100): all are added or none.
    /// </summary>
    /// <returns>The version (ETag) of each row added, in the order of <paramref name="submissions"/>.</returns>
    /// <exception cref="TableTransactionFailedException">Nothing was added; <see cref="TableTransactionFailedException.FailedTransactionActionIndex"/> names the row refused (status 409: it exists).</exception>
    internal async Task<IReadOnlyList<ETag>> AddReceivedAsync(IReadOnlyList<RawSubmission> submissions, CancellationToken cancellationToken = default)
    {
        var response = await _table.SubmitTransactionAsync(
            submissions.Select(s => new TableTransactionAction(TableTransactionActionType.Add, ReceivedEntity(s))), cancellationToken).ConfigureAwait(false);
        return [.. response.Value.Select(r => r.Headers.ETag ?? throw new InvalidOperationException("Table storage answered an insert without the row's ETag."))];
    }

    private static TableEntity ReceivedEntity(RawSubmission submission) =>
        new(PartitionKey(submission.ReceivedOn), RowKey(submission.ReportId))
        {
            ["Status"] = ReportStatus.Received,
            ["ReceivedAt"] = submission.ReceivedAt,
            ["Source"] = submission.Source,
            ["Sha256"] = submission.Sha256,
            ["ContentLength"] = submission.ContentLength,
            ["Attempts"] = 0,
            // Who sent it: a submitter reads the status only of its own reports.
            ["SubmitterId"] = submission.SubmitterId,
            // The campaign link it came through, so analysts can weigh reports from the public.
            ["Campaign"] = submission.Campaign,
        };

    /// <summary>Reads one row; null when there is none.</summary>
    public async Task<ReportIndexEntry?> GetAsync(DateOnly receivedOn, Guid reportId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            PartitionKey(receivedOn), RowKey(reportId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToEntry(response.Value!) : null;
    }

    /// <summary>Records a successful processing, whatever the row's version (tests and seeding; the processor writes under ETags).</summary>
    public Task MarkProcessedAsync(DateOnly receivedOn, Guid reportId, ReportClassification classification, int attempts, DateTimeOffset processedAt, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(ProcessedRow(receivedOn, reportId, classification, attempts, processedAt), ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>The columns a successful processing merges into a row (the export benchmark seeds rows with it).</summary>
    internal static TableEntity ProcessedRow(DateOnly receivedOn, Guid reportId, ReportClassification classification, int attempts, DateTimeOffset processedAt)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return ProcessedEntity(new ProcessedRow(receivedOn, reportId, classification, attempts, processedAt, ETag.All));
    }

    /// <summary>
    /// Records the successful processing of several reports: one entity group transaction per day
    /// of receipt and 100 rows (a single row is one merge). Every row must exist, at the version
    /// <see cref="Storage.ProcessedRow.IfMatch"/> names.
    /// </summary>
    /// <exception cref="RequestFailedException">Status 412: a row changed since (for a transaction, <see cref="TableTransactionFailedException"/>: none of its rows was written).</exception>
    internal async Task MarkProcessedAsync(IReadOnlyList<ProcessedRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 1)
        {
            await _table.UpdateEntityAsync(ProcessedEntity(rows[0]), rows[0].IfMatch, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var day in rows.GroupBy(r => r.ReceivedOn))
        {
            foreach (var chunk in day.Chunk(100))
            {
                await _table.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, ProcessedEntity(r), r.IfMatch)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TableEntity ProcessedEntity(ProcessedRow row)
    {
        var classification = row.Classification;
        var entity = new TableEntity(PartitionKey(row.ReceivedOn), RowKey(row.ReportId))
        {
            ["Status"] = ReportStatus.Processed,
            ["ProcessedAt"] = row.ProcessedAt,
            ["Attempts"] = row.Attempts,
            ["LastError"] = "",
            ["Category"] = classification.Category,
            ["RiskFactors"] = string.Join(',', classification.RiskFactors),
            ["Severity"] = classification.Severity,
            ["OccurredOn"] = classification.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["OccurredAtPrecision"] = classification.OccurredAtPrecision,
            ["Country"] = classification.Country,
            ["Admin1"] = classification.Admin1,
            ["Killed"] = classification.Killed,
            ["Injured"] = classification.Injured,
            ["SourceType"] = classification.SourceType,
            ["PerpetratorType"] = classification.PerpetratorType,
        };
        PlaceColumns.Write(entity, classification.Place);
        FactColumns.Write(entity, classification.Facts);
        if (row.History is { } history)
        {
            entity[AttemptHistory.Column] = AttemptHistory.Write(history, new ProcessingAttempt(row.Attempts, row.ProcessedAt, ReportStatus.Processed, null));
        }

        return entity;
    }

    /// <summary>
    /// Records that processing ended without a classification: <see cref="ReportStatus.NeedsReview"/>
    /// with its reasons, or <see cref="ReportStatus.Encrypted"/>. Not a failure: nothing is retried.
    /// <c>history</c>: the attempts before this one, from the row as read (<see cref="AttemptHistory"/>); null leaves the history as it is.
    /// <c>ifMatch</c>: the row's version as read (<see cref="ETag.All"/>: whatever it is).
    /// </summary>
    /// <exception cref="RequestFailedException">Status 412: the row changed since it was read.</exception>
    public Task MarkSettledAsync(DateOnly receivedOn, Guid reportId, string status, IReadOnlyList<string> reasons, int attempts, DateTimeOffset at, IReadOnlyList<ProcessingAttempt>? history, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var entity = new TableEntity(PartitionKey(receivedOn), RowKey(reportId))
        {
            ["Status"] = status,
            ["ProcessedAt"] = at,
            ["Attempts"] = attempts,
            ["LastError"] = "",
            ["ReviewReasons"] = Truncate(string.Join('\n', reasons), MaxReasonsLength),
        };
        if (history is not null)
        {
            entity[AttemptHistory.Column] = AttemptHistory.Write(history, new ProcessingAttempt(attempts, at, status, null));
        }

        return _table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Records a failed processing attempt; <paramref name="final"/> marks the report failed. <paramref name="history"/>:
    /// the attempts before this one, from the row as read (<see cref="AttemptHistory"/>); null leaves the history as it is.
    /// <paramref name="ifMatch"/>: the row's version as read (<see cref="ETag.All"/>: whatever it is).
    /// </summary>
    /// <exception cref="RequestFailedException">Status 412: the row changed since it was read.</exception>
    public Task RecordFailureAsync(DateOnly receivedOn, Guid reportId, int attempts, string error, bool final, DateTimeOffset at, IReadOnlyList<ProcessingAttempt>? history, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(PartitionKey(receivedOn), RowKey(reportId))
        {
            ["Status"] = final ? ReportStatus.Failed : ReportStatus.Received,
            ["Attempts"] = attempts,
            ["LastError"] = error,
            ["LastErrorAt"] = at,
        };
        if (attempts == 1)
        {
            // Admins see when a poisoned report was first tried.
            entity["FirstFailedAt"] = at;
        }

        if (history is not null)
        {
            entity[AttemptHistory.Column] = AttemptHistory.Write(history, new ProcessingAttempt(attempts, at, ReportStatus.Failed, error));
        }

        return _table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Marks a report queued again by an admin: back to <c>received</c> until processing ends.</summary>
    public Task MarkRequeuedAsync(DateOnly receivedOn, Guid reportId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(PartitionKey(receivedOn), RowKey(reportId)) { ["Status"] = ReportStatus.Received, ["RedrivenAt"] = at };
        return _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Touches a row so that the re-drive leaves it alone for another interval.</summary>
    public Task MarkRedrivenAsync(DateOnly receivedOn, Guid reportId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(PartitionKey(receivedOn), RowKey(reportId)) { ["RedrivenAt"] = at };
        return _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Reads every row of one day of receipt.</summary>
    public async IAsyncEnumerable<ReportIndexEntry> ReadDayAsync(DateOnly receivedOn, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(receivedOn)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToEntry(entity);
        }
    }

    /// <summary>Reads the rows of one day of receipt whose status is one of <paramref name="statuses"/> (filtered by storage).</summary>
    public async IAsyncEnumerable<ReportIndexEntry> ReadDayAsync(DateOnly receivedOn, IReadOnlyCollection<string> statuses, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(DayWithStatus(receivedOn, statuses), maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToEntry(entity);
        }
    }

    /// <summary>
    /// Reads the processed rows of one day of receipt whose admin1 did not resolve (filtered by storage,
    /// so a day of resolved reports costs one query and no rows).
    /// </summary>
    public async IAsyncEnumerable<ReportIndexEntry> ReadUnresolvedPlacesAsync(DateOnly receivedOn, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var unresolved = PlaceText.Method(PlaceMatch.Unresolved);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(receivedOn)} and Status eq {ReportStatus.Processed} and PlaceMethod eq {unresolved}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToEntry(entity);
        }
    }

    /// <summary>True when a day of receipt has at least one row whose status is one of <paramref name="statuses"/>; reads at most one row.</summary>
    public async Task<bool> AnyAsync(DateOnly receivedOn, IReadOnlyCollection<string> statuses, CancellationToken cancellationToken = default)
    {
        await foreach (var page in _table.QueryAsync<TableEntity>(DayWithStatus(receivedOn, statuses), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            // A filtered query may answer an empty page with a continuation token; only a row counts.
            if (page.Values.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Counts the reports of a day of receipt that are not processed, by status.
    /// Processed reports are counted by the digest tally, so normally this reads few rows.
    /// </summary>
    public async Task<UnprocessedCounts> CountUnprocessedAsync(DateOnly receivedOn, CancellationToken cancellationToken = default)
    {
        int waiting = 0, failed = 0, needsReview = 0, encrypted = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(receivedOn)} and Status ne {ReportStatus.Processed}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["Status"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (entity.GetString("Status"))
            {
                case ReportStatus.Failed: failed++; break;
                case ReportStatus.NeedsReview: needsReview++; break;
                case ReportStatus.Encrypted: encrypted++; break;
                default: waiting++; break;
            }
        }

        return new UnprocessedCounts(waiting, failed, needsReview, encrypted);
    }
    // Table string properties hold up to 32K characters; reasons are short, this keeps a bound.
    private const int MaxReasonsLength = 8 * 1024;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static string DayWithStatus(DateOnly receivedOn, IReadOnlyCollection<string> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (statuses.Count == 0)
        {
            throw new ArgumentException("At least one status is required.", nameof(statuses));
        }

        var anyStatus = string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s}")));
        return $"{TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(receivedOn)}")} and ({anyStatus})";
    }

    /// <summary>The partition key of a day.</summary>
    public static string PartitionKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string RowKey(Guid reportId) => reportId.ToString("D");

    internal static ReportIndexEntry ToEntry(TableEntity e)
    {
        var receivedOn = DateOnly.ParseExact(e.PartitionKey, "yyyyMMdd", CultureInfo.InvariantCulture);
        ReportClassification? classification = null;
        if (e.GetString("Category") is { } category && e.GetString("OccurredOn") is { } occurredOn)
        {
            classification = new ReportClassification(
                category,
                (e.GetString("RiskFactors") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                e.GetInt32("Severity") ?? 0,
                DateOnly.ParseExact(occurredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                e.GetString("OccurredAtPrecision") ?? "day",
                e.GetString("Country"),
                e.GetString("Admin1"),
                e.GetInt32("Killed"),
                e.GetInt32("Injured"),
                e.GetString("SourceType") ?? "",
                e.GetString("PerpetratorType") ?? "unknown")
            {
                Place = PlaceColumns.Read(e),
                Latitude = e.GetDouble("Latitude"),
                Longitude = e.GetDouble("Longitude"),
                Facts = FactColumns.Read(e),
            };
        }

        return new ReportIndexEntry(
            Guid.ParseExact(e.RowKey, "D"),
            receivedOn,
            e.GetString("Status") ?? ReportStatus.Received,
            e.GetDateTimeOffset("ReceivedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
            e.GetString("Source") ?? "unknown",
            e.GetString("Sha256") ?? "",
            e.GetInt64("ContentLength") ?? 0,
            e.GetInt32("Attempts") ?? 0,
            e.GetString("LastError") is { Length: > 0 } error ? error : null,
            e.GetDateTimeOffset("ProcessedAt"),
            classification,
            e.Timestamp,
            e.GetDateTimeOffset("RedrivenAt"))
        {
            ReviewReasons = (e.GetString("ReviewReasons") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
            SubmitterId = e.GetString("SubmitterId") is { Length: > 0 } submitter ? submitter : null,
            Campaign = e.GetString("Campaign") is { Length: > 0 } campaign ? campaign : null,
            FirstFailedAt = e.GetDateTimeOffset("FirstFailedAt"),
            LastErrorAt = e.GetDateTimeOffset("LastErrorAt"),
            History = AttemptHistory.Read(e.GetString(AttemptHistory.Column)),
            ETag = e.ETag,
        };
    }
}
