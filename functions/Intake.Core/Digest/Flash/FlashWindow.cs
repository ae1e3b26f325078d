using Intake.Core.Configuration;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// At most one flash per (area, rule) in <see cref="FlashOptions.Window"/>: a row per (area, rule)
/// in table <see cref="StorageNames.FlashWindowTable"/>, claimed by a conditional write (insert
/// when missing, replace under <c>If-Match</c> when the window has passed), so of two processors
/// racing exactly one wins. The report that won keeps the claim on redelivery.
/// </summary>
public sealed class FlashWindow(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.FlashWindowTable);

    /// <summary>Claims (area, rule) for <paramref name="reportId"/>.</summary>
    /// <returns>The flash id when this report owns the window (new, or claimed by it before); null when another flash holds it.</returns>
    public async Task<Guid?> TryClaimAsync(string region, string area, string rule, Guid reportId, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var partition = Key(region + "|" + area);
        var entity = new TableEntity(partition, Key(rule)) { ["FlashId"] = Guid.NewGuid(), ["ReportId"] = reportId, ["RaisedAt"] = now };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return (Guid)entity["FlashId"];
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Someone raised this (area, rule) before: ours if it was this report, or if its window has passed.
        }

        var existing = (await _table.GetEntityAsync<TableEntity>(partition, Key(rule), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (existing.GetGuid("ReportId") == reportId)
        {
            return existing.GetGuid("FlashId");
        }

        if (existing.GetDateTimeOffset("RaisedAt") is { } raised && raised + window > now)
        {
            return null;
        }

        try
        {
            await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return (Guid)entity["FlashId"];
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>A table key from free text: the characters keys forbid (/ \ # ? and controls) escaped.</summary>
    private static string Key(string text) => Uri.EscapeDataString(text);
}
