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
}
