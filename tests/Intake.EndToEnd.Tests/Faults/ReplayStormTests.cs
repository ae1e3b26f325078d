using System.Text;
using Intake.EndToEnd.Tests.Support;

namespace Intake.EndToEnd.Tests.Faults;

/// <summary>A phone on a bad network that resends one report many times at once.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReplayStormTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostReport_SameSubmission50TimesConcurrently_OneRecordAndOnlySuccessAnswersWithOneId()
    {
        var report = ReportClient.NewReport();
        var id = (string)report["submissionId"]!;
        var body = Encoding.UTF8.GetBytes(report.ToJsonString());
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sends = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var response = await fixture.Host.Client.PostRawAsync(body, "application/json", Ct);
            return ((int)response.StatusCode, (string?)(await response.ReadJsonAsync(Ct))["reportId"]);
        })).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(sends);

        // One send won the write (202); every other one is told its report is already there (200).
        Assert.All(answers, a => Assert.True(a.Item1 is 200 or 202, $"Answered {a.Item1}."));
        Assert.Single(answers, a => a.Item1 == 202);
        Assert.All(answers, a => Assert.Equal(id, a.Item2));
        await fixture.Host.Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(30), Ct);
        var after = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);
        Assert.Equal(before.RawBlobs + 1, after.RawBlobs);
        Assert.Equal(before.Rows + 1, after.Rows);
    }
}
