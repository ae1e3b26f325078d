using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Core.Configuration;

namespace Intake.Benchmarks;

/// <summary>
/// Processing speed: the host is started over a backlog of queued reports and this measures how
/// fast the queue trigger turns them into <c>processed</c> index rows.
/// </summary>
internal static class ProcessingDrain
{
    /// <summary>The drain: how many, over how long, and when half and nine tenths were done (seconds after the first).</summary>
    public sealed record Result(int Reports, int Processed, double Seconds, double PerSecond, double HalfDoneSeconds, double NineTenthsDoneSeconds, int Poisoned, double AzuriteCpuMsPerReport, double HostCpuMsPerReport)
    {
        /// <summary>Reports per second over the last 1,000 processed: the rate with fewer than 1,000 waiting.</summary>
        public double PerSecondUnder1000Waiting { get; init; }
    }

    public static async Task<Result> MeasureAsync(string connectionString, int backlog, Func<Task> startHost, Func<TimeSpan> azuriteCpu, Func<TimeSpan> hostCpu, TimeSpan timeout)
    {
        var queue = new QueueServiceClient(connectionString).GetQueueClient(StorageNames.ProcessingQueue);
        var poison = new QueueServiceClient(connectionString).GetQueueClient(StorageNames.PoisonQueue);
        var table = new TableServiceClient(connectionString).GetTableClient(StorageNames.ReportsTable);

        var clock = Stopwatch.StartNew();
        var azuriteBefore = azuriteCpu();
        await startHost();
        // Cheap to ask while the host works: the approximate count falls to zero when the backlog is taken.
        while (clock.Elapsed < timeout && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(250);
        }

        // CPU up to the moment the queue is empty (host start-up included, so an upper bound).
        var azuriteUsed = azuriteCpu() - azuriteBefore;
        var hostUsed = hostCpu();

        // Then count, once, what really ended processed, and when the last one did.
        var processed = 0;
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        var times = new List<DateTimeOffset>();
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (true)
        {
            processed = 0;
            first = DateTimeOffset.MaxValue;
            times.Clear();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["Status", "ProcessedAt"]))
            {
                if (row.GetString("Status") == "processed" && row.GetDateTimeOffset("ProcessedAt") is { } at)
                {
                    processed++;
                    times.Add(at);
                    last = at > last ? at : last;
                    first = at < first ? at : first;
                }
            }

            if (processed >= backlog || clock.Elapsed > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        // From the first report processed to the last: the host's start-up is not processing.
        var seconds = processed == 0 ? double.NaN : Math.Max(0.001, (last - first).TotalSeconds);
        var poisoned = (await poison.ExistsAsync()).Value ? (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
        times.Sort();
        double After(double fraction) => times.Count == 0 ? double.NaN : Math.Round((times[(int)(fraction * (times.Count - 1))] - first).TotalSeconds, 1);
        var tail = Math.Min(1000, times.Count);
        var tailSeconds = tail < 2 ? double.NaN : Math.Max(0.001, (times[^1] - times[^tail]).TotalSeconds);
        return new Result(backlog, processed, Math.Round(seconds, 2), Math.Round(processed / seconds, 1), After(0.5), After(0.9), poisoned,
            Math.Round(azuriteUsed.TotalMilliseconds / Math.Max(1, processed), 2), Math.Round(hostUsed.TotalMilliseconds / Math.Max(1, processed), 2))
        {
            PerSecondUnder1000Waiting = Math.Round((tail - 1) / tailSeconds, 1),
        };
    }
}
