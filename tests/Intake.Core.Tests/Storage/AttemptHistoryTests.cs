using Intake.Core.Storage;

namespace Intake.Core.Tests.Storage;

/// <summary>The index row's history of processing attempts: the last ten, oldest first, read back as written.</summary>
public sealed class AttemptHistoryTests
{
    [Fact]
    public void Write_KeepsTheLastTenOldestFirst_ReadGivesThemBack()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        IReadOnlyList<ProcessingAttempt> history = [];
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            history = AttemptHistory.Read(AttemptHistory.Write(history, new ProcessingAttempt(attempt, start.AddMinutes(attempt), "failed", $"error {attempt}")));
        }

        Assert.Equal(AttemptHistory.Kept, history.Count);
        Assert.Equal(Enumerable.Range(3, 10), history.Select(a => a.Attempt));
        Assert.Equal(new ProcessingAttempt(12, start.AddMinutes(12), "failed", "error 12"), history[^1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    public void Read_NothingOrUnreadable_IsEmpty(string? column) => Assert.Empty(AttemptHistory.Read(column));

    private static readonly DateTimeOffset Received = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static ReportIndexEntry Row(string status, int attempts, DateTimeOffset? processedAt, params ProcessingAttempt[] history) =>
        new(Guid.NewGuid(), DateOnly.FromDateTime(Received.UtcDateTime), status, Received, "json", "hash", 10, attempts, null, processedAt, null, null, null)
        {
            History = history,
        };

    [Fact]
    public void Shown_ProcessedOnAFirstBatchDelivery_ShowsThatSuccessFromTheRow()
    {
        var processedAt = Received.AddSeconds(2);

        var shown = AttemptHistory.Shown(Row(ReportStatus.Processed, 1, processedAt));

        Assert.Equal([new ProcessingAttempt(1, processedAt, ReportStatus.Processed, null)], shown);
    }

    [Fact]
    public void Shown_EarlierFailuresThenAnUnrecordedSuccess_KeepsTheFailuresAndAddsTheSuccessLast()
    {
        var failed = new ProcessingAttempt(1, Received.AddSeconds(1), ReportStatus.Failed, "storage timed out");
        var processedAt = Received.AddMinutes(5);

        var shown = AttemptHistory.Shown(Row(ReportStatus.Processed, 2, processedAt, failed));

        Assert.Equal([failed, new ProcessingAttempt(2, processedAt, ReportStatus.Processed, null)], shown);
    }

    [Fact]
    public void Shown_SuccessAlreadyStored_IsNotShownTwice()
    {
        var processedAt = Received.AddSeconds(3);
        var stored = new ProcessingAttempt(2, processedAt, ReportStatus.Processed, null);

        var shown = AttemptHistory.Shown(Row(ReportStatus.Processed, 2, processedAt, new ProcessingAttempt(1, Received, ReportStatus.Failed, "x"), stored));

        Assert.Equal(2, shown.Count);
        Assert.Equal(stored, shown[^1]);
    }

    [Fact]
    public void Shown_SuccessStoredWithFinerPrecisionThanTheRowsTime_IsNotShownTwice()
    {
        var processedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 3, 123, TimeSpan.Zero);
        var stored = new ProcessingAttempt(1, processedAt.AddTicks(4567), ReportStatus.Processed, null);

        Assert.Equal([stored], AttemptHistory.Shown(Row(ReportStatus.Processed, 1, processedAt, stored)));
    }

    [Fact]
    public void Shown_ReprocessedLaterThanTheStoredSuccess_AddsTheNewSuccess()
    {
        var first = new ProcessingAttempt(1, Received.AddSeconds(2), ReportStatus.Processed, null);
        var again = Received.AddHours(1);

        var shown = AttemptHistory.Shown(Row(ReportStatus.Processed, 1, again, first));

        Assert.Equal([first, new ProcessingAttempt(1, again, ReportStatus.Processed, null)], shown);
    }

    [Theory]
    [InlineData(ReportStatus.Failed)]
    [InlineData(ReportStatus.Received)]
    [InlineData(ReportStatus.NeedsReview)]
    public void Shown_NotProcessed_IsTheStoredHistoryAlone(string status)
    {
        var failed = new ProcessingAttempt(1, Received.AddSeconds(1), ReportStatus.Failed, "bad category");

        Assert.Equal([failed], AttemptHistory.Shown(Row(status, 1, null, failed)));
    }
}
