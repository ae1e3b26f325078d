using Intake.Core.Configuration;

namespace Intake.Core.Admin;

/// <summary>
/// The append-only audit table: partition = UTC day (<c>yyyyMMdd</c>), row key = time ticks and a
/// random suffix, so rows are only ever added (never updated) and a day reads in time order.
/// </summary>
public sealed class AuditLog(TableServiceClient tables)
{
    /// <summary>The widest window one query may read.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    private readonly TableClient _table = tables.GetTableClient(StorageNames.AuditTable);

    /// <summary>Appends one entry.</summary>
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.At.ToUniversalTime();
        var entity = new TableEntity(Partition(at), $"{at.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = at,
            ["Who"] = entry.Who,
            ["WhoName"] = entry.WhoName,
            ["Action"] = entry.Action,
            ["Request"] = entry.Request,
            ["Parameters"] = entry.Parameters,
            ["Outcome"] = entry.Outcome,
            ["Status"] = entry.Status,
            ["Count"] = entry.Count,
        };
        // Add, never upsert: an existing row is never overwritten.
        return _table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>The entries with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>, oldest first, at most <paramref name="max"/>.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAsync(DateTimeOffset from, DateTimeOffset to, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var returned = 0;
        var fromKey = $"{from.UtcTicks:D19}";
        var toKey = $"{to.UtcTicks:D19}";
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime) && returned < max; day = day.AddDays(1))
        {
            var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {fromKey} and RowKey lt {toKey}");
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return new AuditEntry(
                    e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                    e.GetString("Who") ?? "",
                    e.GetString("WhoName") ?? "",
                    e.GetString("Action") ?? "",
                    e.GetString("Request") ?? "",
                    e.GetString("Parameters") ?? "{}",
                    e.GetString("Outcome") ?? "",
                    e.GetInt32("Status") ?? 0,
                    e.GetInt32("Count"));
                if (++returned >= max)
                {
                    yield break;
                }
            }
        }
    }

    private static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
