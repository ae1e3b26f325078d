using Intake.Core.Configuration;

namespace Intake.Core.Access;

/// <summary>
/// The daily attachment quota per token (<see cref="LimitOptions.AttachmentBytesPerTokenPerDay"/>),
/// kept in table <c>tokenusage</c> (partition the UTC day, row the token id) so that it holds
/// across instances. The bytes of the attachments a submission would add (not those already stored
/// for its instance, so a resend costs nothing) are charged before anything is stored, by an
/// ETag-checked write (concurrent submissions of one token cannot both slip under the quota), and
/// given back when the submission stored no attachment after all (a refusal).
/// </summary>
public sealed class AttachmentQuota(TableServiceClient tables, IOptions<LimitOptions> options, TimeProvider time)
{
    private const int Attempts = 8;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.TokenUsageTable);

    /// <summary>
    /// Charges <paramref name="bytes"/> to the token's day. Null when charged; otherwise how long until
    /// the next UTC day, when the quota starts again (nothing was charged).
    /// </summary>
    /// <exception cref="RequestFailedException">Storage failed; the host answers <c>503</c>.</exception>
    public async Task<TimeSpan?> TryChargeAsync(string tokenId, long bytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var now = time.GetUtcNow();
        var quota = options.Value.AttachmentBytesPerTokenPerDay;
        if (bytes > quota)
        {
            return UntilNextDay(now);
        }

        var moved = await ChangeAsync(DayOf(now), tokenId, used => used + bytes <= quota ? used + bytes : null, cancellationToken).ConfigureAwait(false);
        return moved ? null : UntilNextDay(now);
    }

    /// <summary>Gives back bytes charged today that were not stored after all.</summary>
    public Task RefundAsync(string tokenId, long bytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return bytes <= 0
            ? Task.CompletedTask
            : ChangeAsync(DayOf(time.GetUtcNow()), tokenId, used => Math.Max(0, used - bytes), cancellationToken);
    }

    /// <summary>The bytes charged to the token on <paramref name="day"/>.</summary>
    public async Task<long> UsedAsync(string tokenId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(day), tokenId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetInt64("Bytes") ?? 0 : 0;
    }

    /// <summary>Applies <paramref name="change"/> to the day's count with optimistic concurrency; false when it declines (returns null).</summary>
    private async Task<bool> ChangeAsync(DateOnly day, string tokenId, Func<long, long?> change, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(day);
        for (var attempt = 1; ; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, tokenId, cancellationToken: cancellationToken).ConfigureAwait(false);
            var used = row.HasValue ? row.Value!.GetInt64("Bytes") ?? 0 : 0;
            if (change(used) is not { } next)
            {
                return false;
            }

            var entity = new TableEntity(partition, tokenId) { ["Bytes"] = next };
            try
            {
                if (row.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < Attempts)
            {
                // Another submission of the token changed the count first: read it again.
            }
        }
    }

    private static DateOnly DayOf(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private static string PartitionOf(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static TimeSpan UntilNextDay(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
}
