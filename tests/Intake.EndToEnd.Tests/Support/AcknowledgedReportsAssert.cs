using Azure.Data.Tables;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>The promise every fault test checks: a report that got a 2xx answer is kept, indexed and processed.</summary>
public static class AcknowledgedReportsAssert
{
    /// <summary>
    /// Every acknowledged report has its exact bytes in blob storage, an index row with the same
    /// SHA-256, and ends <c>processed</c> with the category and severity its content says (so no
    /// processing mixed reports up or changed an outcome). Returns the rows.
    /// </summary>
    public static async Task<Dictionary<string, TableEntity>> AllKeptAndProcessedAsync(
        StoredReports storage, IReadOnlyCollection<SentReport> acknowledged, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Assert.NotEmpty(acknowledged);
        var rows = await storage.WaitUntilProcessedAsync(acknowledged.Select(r => r.Id).ToList(), timeout, cancellationToken);
        foreach (var report in acknowledged)
        {
            var bytes = await storage.RawBytesAsync(report.Id, cancellationToken);
            Assert.True(bytes is not null, $"Acknowledged report {report.Id} has no raw blob.");
            Assert.Equal(report.Body, bytes);
            var row = rows[report.Id];
            Assert.Equal(report.Sha256, row.GetString("Sha256"));
            Assert.Equal(report.Category, row.GetString("Category"));
            Assert.Equal(report.Severity, row.GetInt32("Severity"));
        }

        return rows;
    }
}
