using System.Text;
using System.Text.Json;
using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Rendering;
using Intake.Core.Digest.Tally;

namespace Intake.Core.Tests.Digest.Alerts;

/// <summary>The default rules replayed over synthetic histories (five seeds, not one tuned one).</summary>
public sealed class AlertScenarioTests
{
    public static TheoryData<int> Seeds => [.. (Environment.GetEnvironmentVariable("SCENARIO_SEEDS") ?? "11,23,37,41,59").Split(',').Select(int.Parse)];

    private static readonly Dictionary<int, (EscalationScenario Scenario, List<TallyCell> Cells, List<(DateOnly Day, List<DigestAlert> Alerts)> Days)> Runs = [];

    private static (EscalationScenario Scenario, List<TallyCell> Cells, List<(DateOnly Day, List<DigestAlert> Alerts)> Days) Run(int seed)
    {
        lock (Runs)
        {
            if (!Runs.TryGetValue(seed, out var run))
            {
                var scenario = new EscalationScenario(HandBuiltDay.Taxonomy, seed);
                var cells = scenario.Cells();
                var days = HandBuiltDay.Compiler.Alerts.Evaluate(cells, EscalationScenario.FirstTestDay, EscalationScenario.LastTestDay);
                Runs[seed] = run = (scenario, cells, days);
            }

            return run;
        }
    }

    private static string Describe(DateOnly day, DigestAlert a) => $"{day:yyyy-MM-dd} {a.Status} {a.Rule} {a.Place}: {a.Message}";

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_CalmDays_RaiseNoNewAlertInAnyArea(int seed)
    {
        var (scenario, _, days) = Run(seed);

        var noise = days.SelectMany(d => d.Alerts.Where(a => a.Status == AlertStatuses.New && !scenario.IsEscalating(a.Region, a.Area, d.Day)).Select(a => Describe(d.Day, a))).ToList();

        Assert.True(noise.Count == 0, $"New alerts on calm days (seed {seed}):\n{string.Join("\n", noise)}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_SlowBuildUp_AlertsAtLeastTwoDaysBeforeThePeakNamingTheArea(int seed)
    {
        var (scenario, _, days) = Run(seed);
        var (country, area) = EscalationScenario.BuildUpArea;

        var first = days.Where(d => d.Alerts.Any(a => a.Region == country && a.Area == area)).Select(d => d.Day).FirstOrDefault();

        Assert.True(first != default && first <= scenario.Peak.AddDays(-2), $"First alert naming {area} on {first:yyyy-MM-dd}; peak {scenario.Peak:yyyy-MM-dd} (seed {seed}).\n{string.Join("\n", days.Where(d => d.Day >= scenario.Peak.AddDays(-5) && d.Day <= scenario.Peak).SelectMany(d => d.Alerts.Select(a => Describe(d.Day, a))))}");
        var alert = days.Single(d => d.Day == first).Alerts.First(a => a.Area == area);
        Assert.Equal(AlertStatuses.New, alert.Status);
        // The rise itself is named as one before the killings, whichever rule fired first.
        var rising = days.Where(d => d.Day < scenario.Peak).SelectMany(d => d.Alerts).First(a => a.Area == area && a.Kind == AlertKinds.Escalation);
        Assert.Contains("rising in West Darfur, SD since", rising.Message, StringComparison.Ordinal);
        Assert.True(alert.Evidence!.Sources >= 2);
        Assert.NotEmpty(alert.Evidence.ReportIds);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_SuddenOutbreak_AlertsOnItsDayNamingTheAreaThenReportsItOngoing(int seed)
    {
        var (scenario, _, days) = Run(seed);
        var (country, area) = EscalationScenario.OutbreakArea;

        var onTheDay = days.Single(d => d.Day == scenario.Outbreak).Alerts.Where(a => a.Region == country && a.Area == area).ToList();
        var nextDay = days.Single(d => d.Day == scenario.Outbreak.AddDays(1)).Alerts.Where(a => a.Region == country && a.Area == area).ToList();

        Assert.Contains(onTheDay, a => a.Status == AlertStatuses.New && a.Kind == AlertKinds.Spike);
        Assert.Contains(nextDay, a => a.Status == AlertStatuses.Ongoing && a.Days == 2 && a.Since == scenario.Outbreak);
        Assert.DoesNotContain(nextDay, a => a.Status == AlertStatuses.New && onTheDay.Any(o => o.Rule == a.Rule));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_SameHistoryInAnyOrder_GivesTheSameAlerts(int seed)
    {
        var (_, cells, days) = Run(seed);
        var shuffled = cells.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

        var again = HandBuiltDay.Compiler.Alerts.Evaluate(shuffled, EscalationScenario.FirstTestDay, EscalationScenario.LastTestDay, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(JsonSerializer.Serialize(days, DigestJson.Options), JsonSerializer.Serialize(again, DigestJson.Options));
    }

    [Fact]
    public void Compile_DayOfTheOutbreak_HasTheAlertsOfTheReplayAndExplainsThem()
    {
        var (scenario, cells, days) = Run(11);

        var digest = HandBuiltDay.Compiler.Compile(scenario.Outbreak, cells, new PipelineHealth(0, 0, 0, 0));

        var replayed = days.Single(d => d.Day == scenario.Outbreak).Alerts;
        Assert.Equal(JsonSerializer.Serialize(replayed, DigestJson.Options), JsonSerializer.Serialize(digest.Alerts, DigestJson.Options));
        var alert = digest.Alerts.First(a => a.Area == EscalationScenario.OutbreakArea.Area);
        Assert.Equal(AlertEvidence.SparkDays, alert.Evidence!.Last28Days.Count);
        var json = Encoding.UTF8.GetString(DigestJson.Serialize(digest));
        Assert.Contains("\"reportIds\"", json, StringComparison.Ordinal);
        Assert.Contains("\"probability\"", json, StringComparison.Ordinal);
    }
}
