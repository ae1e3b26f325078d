using Intake.Core.Configuration;
using Intake.Core.Processing;
using Intake.Core.Storage;

namespace Intake.Core.Exports;

/// <summary>
/// Reads the reports of an export from the index, one day partition and one page (1,000 rows) at a
/// time, filtered in storage by status, country and category (consent and regions in memory), so memory
/// stays flat however many reports there are. Raw blobs are read only for personal fields;
/// attachment hashes cost one listing per OpenRosa report (JSON reports have none); a page's blob
/// calls run 16 at a time.
/// </summary>
public sealed class ReportExportSource(TableServiceClient tables, AttachmentStore attachments, StoredReportReader reader)
{
    private const int PageSize = 1000;

    // Attachment listings and raw reads per page in flight at once: latency-bound calls, kept modest for storage.
    private const int BlobReadsAtOnce = 16;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.ReportsTable);

    /// <summary>The reports of <paramref name="selection"/> that <paramref name="scope"/> may see, oldest day first.</summary>
    public async IAsyncEnumerable<ExportedReport> ReadAsync(
        ExportSelection selection, ExportScope scope, bool includePersonal, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsPartner && includePersonal)
        {
            throw new InvalidOperationException("Personal fields are never exported to partners.");
        }

        // The next page is fetched while this one is written: Azurite (or Table storage) filters the
        // next 1,000 rows while this process turns the current ones into output, so the two overlap.
        var pages = Pages(selection, scope, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = pages.MoveNextAsync().AsTask();
        try
        {
            while (await next.ConfigureAwait(false))
            {
                var page = pages.Current;
                next = pages.MoveNextAsync().AsTask();
                var rows = page.Select(ReportIndex.ToEntry).Where(row => Matches(row, selection, scope)).ToList();
                // One page at a time: the blob reads of a page (attachment listings, personal fields) run
                // side by side, then its rows go out in order; memory holds two pages, never the export.
                var exported = new ExportedReport[rows.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = BlobReadsAtOnce, CancellationToken = cancellationToken },
                    async (i, ct) => exported[i] = await ExportAsync(rows[i], includePersonal, ct).ConfigureAwait(false)).ConfigureAwait(false);
                foreach (var report in exported)
                {
                    yield return report;
                }
            }
        }
        finally
        {
            // A page still being fetched (the reader stopped early, or failed) must settle before the
            // enumerator is disposed; its answer is no longer wanted.
            await Settle(next).ConfigureAwait(false);
            await pages.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task Settle(Task<bool> pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> Pages(ExportSelection selection, ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var day = selection.From; day <= selection.To; day = day.AddDays(1))
        {
            var filter = StorageFilter(day, selection, scope);
            await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                yield return page.Values;
            }
        }
    }

    private static string StorageFilter(DateOnly day, ExportSelection selection, ExportScope scope)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {ReportIndex.PartitionKey(day)}") };
        parts.Add("(" + string.Join(" or ", selection.Statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s}"))) + ")");
        if (selection.Country is { } country)
        {
            parts.Add(TableClient.CreateQueryFilter($"(Country eq {country} or PlaceCountry eq {country})"));
        }

        if (selection.Category is { } category)
        {
            parts.Add(TableClient.CreateQueryFilter($"Category eq {category}"));
        }

        return string.Join(" and ", parts);
    }

    private static bool Matches(ReportIndexEntry row, ExportSelection selection, ExportScope scope)
    {
        if ((selection.ReceivedFrom is { } from && row.ReceivedAt < from) || (selection.ReceivedBefore is { } before && row.ReceivedAt >= before))
        {
            return false;
        }

        var classification = row.Classification;
        if (selection.Admin1 is { } admin1
            && !string.Equals(classification?.Admin1, admin1, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(classification?.Place?.Admin1Code, admin1, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Consent is checked here, not in the storage filter: Azurite does not match boolean
        // comparisons reliably. Rows processed before consent was recorded have no facts: not shared.
        return scope.PartnerRegions is not { } regions
            || (classification?.Facts?.ShareWithPartners == true
                && Access.PartnerRegions.Covers(regions, classification.Place?.Country ?? classification.Country, classification.Place?.AreaCode));
    }

    private async Task<ExportedReport> ExportAsync(ReportIndexEntry row, bool includePersonal, CancellationToken cancellationToken)
    {
        var c = row.Classification;
        var facts = c?.Facts;
        IReadOnlyList<string> hashes = [];
        if (row.Source == SubmissionSource.OpenRosa)
        {
            var stored = await attachments.ListAsync(row.ReportId, cancellationToken).ConfigureAwait(false);
            hashes = [.. stored.Values.OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => a.Sha256)];
        }

        PersonalFields? personal = null;
        if (includePersonal)
        {
            var report = (await reader.ReadAsync(row, cancellationToken).ConfigureAwait(false)).Report;
            personal = new PersonalFields(report?.Narrative, report?.Reporter?.Id, report?.Reporter?.Contact);
        }

        return new ExportedReport
        {
            Id = row.ReportId,
            ReceivedAt = row.ReceivedAt,
            Source = row.Source,
            Status = row.Status,
            ProcessedAt = row.ProcessedAt,
            OccurredAt = facts is null ? c?.OccurredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : OccurredText(facts),
            OccurredAtPrecision = c?.OccurredAtPrecision,
            Latitude = facts?.Latitude,
            Longitude = facts?.Longitude,
            AccuracyMeters = facts?.AccuracyMeters,
            Country = c?.Country,
            Admin1 = c?.Admin1,
            Admin2 = facts?.Admin2,
            PlaceName = facts?.PlaceName,
            AreaCode = c?.Place?.AreaCode,
            Category = c?.Category,
            RiskFactors = c?.RiskFactors ?? [],
            Severity = c?.Severity,
            Killed = c?.Killed,
            Injured = c?.Injured,
            PerpetratorType = c?.PerpetratorType,
            VictimGroups = facts?.VictimGroups ?? [],
            SourceType = c?.SourceType,
            Language = facts?.Language,
            AttachmentSha256s = hashes,
            Personal = personal,
        };
    }

    private static string OccurredText(ReportFacts facts) => facts.OccurredDateOnly
        ? DateOnly.FromDateTime(facts.OccurredAt.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : facts.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
