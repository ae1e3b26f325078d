using System.Text;
using System.Text.Json;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Rendering;
using Intake.Core.Digest.Tally;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Core.Tests.Digest.Alerts;

[Collection(StorageCollection.Name)]
public sealed class AlertBacktestTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Records progress as it is reported, on the caller's thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class RecordedProgress : IProgress<BacktestProgress>
    {
        public List<BacktestProgress> Reports { get; } = [];

        public void Report(BacktestProgress value) => Reports.Add(value);
    }

    private async Task<EscalationScenario> StoreScenarioAsync(int seed)
    {
        var scenario = new EscalationScenario(HandBuiltDay.Taxonomy, seed);
        var tally = _services.GetRequiredService<DailyTally>();
        var cells = new Dictionary<(DateOnly Received, DateOnly, string, string), (TalliedReport Key, DayTally Counts)>();
        foreach (var (received, report) in scenario.Reports)
        {
            var key = (received, report.OccurredOn, report.Country, report.Area);
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = (report, new DayTally());
            }

            cell.Counts.Add(report, 1);
        }

        foreach (var day in cells.GroupBy(c => c.Key.Received))
        {
            await tally.WriteCellsAsync(day.Key, day.Select(c => c.Value), Ct);
        }

        return scenario;
    }

    [Fact]
    public async Task RunAsync_StoredHistory_ReplaysEachDayAsKnownAtItsEndWithProgress()
    {
        var scenario = await StoreScenarioAsync(23);
        var backtest = _services.GetRequiredService<AlertBacktest>();
        var progress = new RecordedProgress();

        var result = await backtest.RunAsync(EscalationScenario.FirstTestDay, EscalationScenario.LastTestDay, progress: progress, cancellationToken: Ct);

        var expected = HandBuiltDay.Compiler.Alerts.Evaluate(scenario.Cells(), EscalationScenario.FirstTestDay, EscalationScenario.LastTestDay, cancellationToken: Ct);
        Assert.Equal(EscalationScenario.TestDays, result.Days.Count);
        Assert.Equal(JsonSerializer.Serialize(expected.Select(d => d.Alerts), DigestJson.Options), JsonSerializer.Serialize(result.Days.Select(d => d.Alerts), DigestJson.Options));
        Assert.Contains(result.Days.Single(d => d.Day == scenario.Outbreak).Alerts, a => a.Area == "Ituri" && a.Status == AlertStatuses.New);
        Assert.Equal(result.Days.Sum(d => d.Alerts.Count), result.Days.Sum(d => d.New + d.Ongoing));
        var replaying = progress.Reports.Where(p => p.Phase == "replaying").ToList();
        Assert.Equal(Enumerable.Range(1, EscalationScenario.TestDays), replaying.Select(p => p.Done));
        Assert.All(replaying, p => Assert.Equal(EscalationScenario.TestDays, p.Total));
        var again = await backtest.RunAsync(EscalationScenario.FirstTestDay, EscalationScenario.LastTestDay, cancellationToken: Ct);
        Assert.Equal(JsonSerializer.Serialize(result, DigestJson.Options), JsonSerializer.Serialize(again, DigestJson.Options));
    }

    [Fact]
    public async Task RunAsync_CandidateRules_AreTheOnesReplayed()
    {
        await StoreScenarioAsync(23);
        var candidate = AlertRules.Load(new MemoryStream(Encoding.UTF8.GetBytes(
            """{"version":9,"rules":[{"id":"loud","kind":"spike","title":"Any 3","signals":["incidents"],"minCount":3,"maxProbability":0.5}]}""")), HandBuiltDay.Taxonomy);

        var result = await _services.GetRequiredService<AlertBacktest>().RunAsync(EscalationScenario.FirstTestDay, EscalationScenario.FirstTestDay.AddDays(6), candidate, cancellationToken: Ct);

        Assert.Equal(9, result.AlertRulesVersion);
        Assert.All(result.Days.SelectMany(d => d.Alerts), a => Assert.Equal("loud", a.Rule));
        Assert.True(result.Days.Sum(d => d.New) > 0);
    }

    [Fact]
    public async Task RunAsync_RangeTooLong_IsRefused()
    {
        var backtest = _services.GetRequiredService<AlertBacktest>();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => backtest.RunAsync(EscalationScenario.FirstTestDay, EscalationScenario.FirstTestDay.AddDays(AlertBacktest.MaxDays), cancellationToken: Ct));
    }

    [Fact]
    public void Startup_RulesFileWithAnUnknownField_StopsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"alert-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"version":3,"rules":[{"id":"area-spike","kind":"spike","title":"t","signals":["incidents"],"minCount":5,"maxProbability":0.001,"factr":3}]}""");
        try
        {
            using var services = storage.BuildServices(settings: new Dictionary<string, string?> { ["Digest:AlertRulesPath"] = path });

            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

            Assert.Contains("$.rules[0].factr", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
