using Intake.Core.Configuration;

namespace Intake.Core.Campaigns;

/// <summary>
/// How many new reports each campaign received on each UTC day (table <c>campaignquota</c>:
/// partition the campaign id, row <c>yyyyMMdd</c>). Checked before a report is taken and counted
/// after a new one is stored, so a resend of the same report (the form retries) is never counted
/// twice; requests racing each other can overshoot the quota by the number in flight.
/// </summary>
public sealed partial class CampaignQuota(TableServiceClient tables, TimeProvider time, ILogger<CampaignQuota> logger)
{
    private const int MaxTries = 5;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.CampaignQuotaTable);

    /// <summary>The reports counted today for a campaign.</summary>
    public async Task<int> CountTodayAsync(string campaign, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaign);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, Today(), ["Count"], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetInt32("Count") ?? 0 : 0;
    }

    /// <summary>How long until the quota starts again (the next UTC midnight).</summary>
    public TimeSpan UntilTomorrow()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now;
    }

    /// <summary>Counts one new report. A failure is logged, not thrown: the report is stored, and an uncounted report only loosens the quota.</summary>
    public async Task CountAsync(string campaign, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaign);
        var day = Today();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaign, day, cancellationToken: cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!row.HasValue)
                    {
                        await _table.AddEntityAsync(new TableEntity(campaign, day) { ["Count"] = 1 }, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        var entity = row.Value!;
                        entity["Count"] = (entity.GetInt32("Count") ?? 0) + 1;
                        await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxTries)
                {
                    // Another request counted at the same moment: read again.
                }
            }
        }
        catch (RequestFailedException e)
        {
            LogNotCounted(e, campaign);
        }
    }

    private string Today() => time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "A report of campaign {CampaignId} was stored but not counted against its daily quota")]
    private partial void LogNotCounted(Exception exception, string campaignId);
}
