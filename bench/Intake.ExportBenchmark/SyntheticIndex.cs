using System.Security.Cryptography;
using Azure.Data.Tables;
using Intake.Core.Configuration;
using Intake.Core.Places;
using Intake.Core.Storage;

namespace Intake.ExportBenchmark;

/// <summary>Processed index rows as the processor writes them, seeded in batch transactions of 100 (one partition each).</summary>
internal static class SyntheticIndex
{
    private static readonly string[] Countries = ["SD", "CF", "ML", "CD", "HT"];
    private static readonly string[] Categories = ["attack-on-civilians", "killing", "abduction", "displacement", "hate-speech-incitement"];

    public static async Task SeedAsync(TableServiceClient tables, DateOnly first, int days, int size, double openRosaShare)
    {
        var table = tables.GetTableClient(StorageNames.ReportsTable);
        var perDay = (size + days - 1) / days;
        var batches = Enumerable.Range(0, size).GroupBy(i => (Day: i / perDay, Batch: i % perDay / 100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            var day = first.AddDays(batch.Key.Day);
            var actions = batch.Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(day, i, openRosaShare))).ToList();
            await table.SubmitTransactionAsync(actions, ct);
        });
    }

    private static TableEntity Row(DateOnly day, int i, double openRosaShare)
    {
        var random = new Random(i);
        var id = new Guid(SHA256.HashData(BitConverter.GetBytes(i)).AsSpan(0, 16));
        var received = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.Next(86_400));
        var country = Countries[random.Next(Countries.Length)];
        var classification = new ReportClassification(
            Categories[random.Next(Categories.Length)], ["RF1", "RF11"], random.Next(1, 6), day.AddDays(-random.Next(3)), "hour",
            country, $"Province {random.Next(20)}", random.Next(10), random.Next(20), "eyewitness", "non-state-armed-group")
        {
            Place = new PlaceResolution(country, $"{country}-{random.Next(10, 30)}", "Province", PlaceMatch.Exact, null, PlaceFlags.None),
            Facts = new ReportFacts(received.AddHours(-random.Next(72)), false, random.NextDouble() * 20, random.NextDouble() * 40 - 10, 50,
                "District", "Market near the water point", ["civilians", "children"], "en", random.NextDouble() < 0.6),
        };
        var entity = ReportIndex.ProcessedRow(day, id, classification, 1, received.AddSeconds(2));
        entity["ReceivedAt"] = received;
        entity["Source"] = random.NextDouble() < openRosaShare ? SubmissionSource.OpenRosa : SubmissionSource.Json;
        entity["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(id.ToByteArray()));
        entity["ContentLength"] = 1500L;
        entity["SubmitterId"] = "0123456789abcdef";
        return entity;
    }
}
