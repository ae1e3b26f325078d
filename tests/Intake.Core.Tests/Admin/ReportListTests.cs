using Intake.Core.Admin;
using Intake.Core.Storage;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Admin;

[Collection(StorageCollection.Name)]
public sealed class ReportListTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 11, 26);
    private static readonly DateOnly Day2 = new(2026, 11, 27);
    private static readonly DateOnly Day3 = new(2026, 11, 28);

    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReportIndex Index => _services.GetRequiredService<ReportIndex>();

    private ReportList List => _services.GetRequiredService<ReportList>();

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private async Task<Guid> AddAsync(DateOnly day, int hour, string status = ReportStatus.Received, string source = "json")
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        var submission = new RawSubmission(Guid.NewGuid(), new string('a', 64), at, source, 100, "tok1");
        await Index.TryAddReceivedAsync(submission, Ct);
        switch (status)
        {
            case ReportStatus.Failed:
                await Index.RecordFailureAsync(day, submission.ReportId, 5, "Category 'other' is held.", final: true, at.AddMinutes(5), history: [], Azure.ETag.All, Ct);
                break;
            case ReportStatus.NeedsReview or ReportStatus.Encrypted:
                await Index.MarkSettledAsync(day, submission.ReportId, status, status == ReportStatus.NeedsReview ? ["what/category: missing", "when/date: not a date"] : [], 1, at.AddMinutes(1), history: null, Azure.ETag.All, Ct);
                break;
            case ReportStatus.Processed:
                await Index.MarkProcessedAsync(day, submission.ReportId, new ReportClassification("killing", ["RF2"], 3, day, "day", null, null, null, null, "media", "unknown"), 1, at.AddMinutes(1), Ct);
                break;
        }

        return submission.ReportId;
    }

    private static ReportListQuery Query(DateOnly from, DateOnly to, int max = 100, params string[] statuses) =>
        new(from, to, statuses.Length > 0 ? statuses : ReportListQuery.AttentionStatuses, max);

    [Fact]
    public async Task ListAsync_NewestFirstAcrossDays_ProcessedLeftOut_FieldsFromTheRow()
    {
        var old = await AddAsync(Day1, 9, ReportStatus.Failed);
        var review = await AddAsync(Day2, 8, ReportStatus.NeedsReview, "openrosa");
        var waiting = await AddAsync(Day2, 17);
        var encrypted = await AddAsync(Day3, 1, ReportStatus.Encrypted, "openrosa");
        await AddAsync(Day3, 2, ReportStatus.Processed);

        var page = await List.ListAsync(Query(Day1, Day3), Ct);

        Assert.Equal([encrypted, waiting, review, old], page.Items.Select(i => i.ReportId));
        Assert.False(page.Truncated);
        var failed = page.Items[3];
        Assert.Equal((Day1, ReportStatus.Failed, 5, "Category 'other' is held.", "json", "tok1"), (failed.ReceivedOn, failed.Status, failed.Attempts, failed.LastError, failed.Source, failed.SubmitterId));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 5, 0, TimeSpan.Zero), failed.LastErrorAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), failed.ReceivedAt);
        Assert.Equal(["what/category: missing", "when/date: not a date"], page.Items[2].ReviewReasons);
        Assert.Null(page.Items[2].LastError);
        Assert.Equal("openrosa", page.Items[2].Source);
    }

    [Fact]
    public async Task ListAsync_StatusFilter_OnlyThoseStatuses()
    {
        var failed = await AddAsync(Day2, 3, ReportStatus.Failed);
        await AddAsync(Day2, 4, ReportStatus.NeedsReview);
        var waiting = await AddAsync(Day2, 5);

        var page = await List.ListAsync(Query(Day2, Day2, 100, ReportStatus.Failed, ReportStatus.Received), Ct);

        Assert.Equal([waiting, failed], page.Items.Select(i => i.ReportId));
        Assert.Equal([ReportStatus.Failed, ReportStatus.Received], page.Statuses);
    }

    [Fact]
    public async Task ListAsync_MoreThanMaxInOneDay_KeepsTheNewestAndIsTruncated()
    {
        var ids = new List<Guid>();
        for (var hour = 0; hour < 6; hour++)
        {
            ids.Add(await AddAsync(Day2, hour, ReportStatus.Failed));
        }

        var page = await List.ListAsync(Query(Day1, Day3, 4), Ct);

        Assert.True(page.Truncated);
        Assert.Equal(4, page.Count);
        Assert.Equal(Enumerable.Reverse(ids).Take(4), page.Items.Select(i => i.ReportId));
    }

    [Fact]
    public async Task ListAsync_FullBeforeTheOldestDay_TruncatedOnlyWhenAnOlderDayHasARow()
    {
        var newest = await AddAsync(Day3, 10);
        await AddAsync(Day2, 10, ReportStatus.Processed);

        var exact = await List.ListAsync(Query(Day1, Day3, 1), Ct);
        await AddAsync(Day1, 10, ReportStatus.Failed);
        var more = await List.ListAsync(Query(Day1, Day3, 1), Ct);

        Assert.Equal([newest], exact.Items.Select(i => i.ReportId));
        Assert.False(exact.Truncated);
        Assert.Equal([newest], more.Items.Select(i => i.ReportId));
        Assert.True(more.Truncated);
    }

    [Fact]
    public async Task ListAsync_EmptyRange_IsEmpty()
    {
        var page = await List.ListAsync(Query(Day1, Day3), Ct);

        Assert.Empty(page.Items);
        Assert.False(page.Truncated);
    }

    [Fact]
    public async Task ListAsync_RangeTooWide_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => List.ListAsync(Query(Day3.AddDays(-31), Day3), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => List.ListAsync(Query(Day3, Day1), Ct));
    }
}
