using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Intake.Core.Configuration;

namespace Intake.Benchmarks;

/// <summary>
/// Intake and processing at once: reports offered at a fixed rate (an open loop: a slow answer does
/// not slow the offer) to the self-host with processing on. Measures how long each accepted report
/// takes from receipt to <c>processed</c> (the index row's <c>ReceivedAt</c> to <c>ProcessedAt</c>,
/// both the host's clock) and samples the backlog (rows still <c>received</c>) every few seconds.
/// The offer starts with a warm-up at the same rate (the host was just started: its intake code is
/// not compiled yet and its connection pools are empty); only reports offered after it are measured,
/// as a host that has been running meets a surge. The warm-up's own figures are printed beside.
/// </summary>
internal static class SustainedLoad
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>What the phase measured; latencies in milliseconds.</summary>
    public sealed record Result(
        double OfferedPerSecond, double Seconds, int Offered, int Accepted, int Errors, int Processed,
        double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyList<(double Seconds, int Backlog)> Backlog)
    {
        /// <summary>The warm-up before the measured window: its length, and the same figures for what was offered in it.</summary>
        public (double Seconds, int Offered, int Accepted, int Errors, double P50Ms, double P99Ms)? WarmUp { get; init; }

        /// <summary>The errors of the whole offer (warm-up included) by kind: an HTTP status, or a client timeout or connection failure.</summary>
        public IReadOnlyDictionary<string, int> ErrorKinds { get; init; } = new Dictionary<string, int>();

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"Sustained {OfferedPerSecond}/s for {Seconds} s after a {WarmUp?.Seconds ?? 0} s warm-up: {Accepted} of {Offered} accepted ({Errors} errors), {Processed} processed; receipt to processed p50 {P50Ms} / p95 {P95Ms} / p99 {P99Ms} / max {MaxMs} ms; backlog every 5 s from the warm-up's start: {string.Join(", ", Backlog.Select(b => b.Backlog))}")
            + (WarmUp is { } w ? string.Create(CultureInfo.InvariantCulture, $"; warm-up: {w.Accepted} of {w.Offered} accepted ({w.Errors} errors), receipt to processed p50 {w.P50Ms} / p99 {w.P99Ms} ms") : "")
            + (ErrorKinds.Count > 0 ? "; errors by kind: " + string.Join(", ", ErrorKinds.Select(e => $"{e.Key} x{e.Value}")) : "");
    }

    public static async Task<Result> RunAsync(HttpClient client, string connectionString, double perSecond, TimeSpan duration, TimeSpan warmUp)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(StorageNames.ReportsTable);
        var accepted = new ConcurrentDictionary<Guid, bool>();
        var warmUpAccepted = new ConcurrentDictionary<Guid, bool>();
        var errors = 0;
        var warmUpErrors = 0;
        var errorKinds = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var warmUpOffered = (int)(perSecond * warmUp.TotalSeconds);
        var offered = warmUpOffered + (int)(perSecond * duration.TotalSeconds);
        var backlog = new List<(double, int)>();
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token);
                    backlog.Add((Math.Round(clock.Elapsed.TotalSeconds, 1), await CountReceivedAsync(table)));
                }
            }
            catch (OperationCanceledException)
            {
                // The phase is over.
            }
        });

        var sends = new List<Task>(offered);
        for (var i = 0; i < offered; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            sends.Add(SendAsync(i < warmUpOffered));
        }

        await Task.WhenAll(sends);
        // Let the backlog drain (bounded), still sampling it.
        var drainUntil = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (clock.Elapsed < drainUntil && await CountReceivedAsync(table) > 0)
        {
            await Task.Delay(500);
        }

        await sampling.CancelAsync();
        await sampler;

        var latencies = new List<double>();
        var warmUpLatencies = new List<double>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Status", "ReceivedAt", "ProcessedAt"]))
            {
                var id = Guid.Parse(row.RowKey);
                var into = accepted.ContainsKey(id) ? latencies : warmUpAccepted.ContainsKey(id) ? warmUpLatencies : null;
                if (into is not null && row.GetString("Status") == "processed"
                    && row.GetDateTimeOffset("ReceivedAt") is { } received && row.GetDateTimeOffset("ProcessedAt") is { } processed)
                {
                    into.Add((processed - received).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        warmUpLatencies.Sort();
        static double At(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : Math.Round(sorted[(int)Math.Ceiling(p * sorted.Count) - 1], 0);
        return new Result(perSecond, duration.TotalSeconds, offered - warmUpOffered, accepted.Count, errors, latencies.Count,
            At(latencies, 0.50), At(latencies, 0.95), At(latencies, 0.99), At(latencies, 1.0), backlog)
        {
            WarmUp = warmUp > TimeSpan.Zero
                ? (warmUp.TotalSeconds, warmUpOffered, warmUpAccepted.Count, warmUpErrors, At(warmUpLatencies, 0.50), At(warmUpLatencies, 0.99))
                : null,
            ErrorKinds = errorKinds.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        };

        async Task SendAsync(bool inWarmUp)
        {
            var (id, body) = SampleReports.Next();
            string error;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await client.PostAsync(new Uri("api/reports", UriKind.Relative), content);
                // 200 acknowledges a resend of bytes already stored: every id is sent once, so the HTTP client
                // itself sent it again after the first attempt reached the host (seen under overload).
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    (inWarmUp ? warmUpAccepted : accepted)[id] = true;
                    return;
                }

                error = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                error = "connection";
            }
            catch (TaskCanceledException)
            {
                error = "client timeout";
            }

            errorKinds.AddOrUpdate(error, 1, (_, n) => n + 1);

            if (inWarmUp)
            {
                Interlocked.Increment(ref warmUpErrors);
            }
            else
            {
                Interlocked.Increment(ref errors);
            }
        }
    }

    /// <summary>Rows still <c>received</c> (of any day): the reports waiting to be processed.</summary>
    private static async Task<int> CountReceivedAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>("Status eq 'received'", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
