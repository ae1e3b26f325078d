using Intake.Core.Digest.Alerts;

namespace Intake.Core.Tests.Digest.Alerts;

public sealed class CountStatisticsTests
{
    [Theory]
    [InlineData(3, 1.0, 0.0803013970713942)] // 1 - e^-1 (1 + 1 + 1/2)
    [InlineData(1, 0.5, 0.393469340287367)] // 1 - e^-0.5
    [InlineData(10, 0.1, 2.5163478e-17)] // 0.1^10 / 10! x e^-0.1 x (1 + 0.1/11 + ...): far in the tail, still precise
    public void UpperTail_Poisson_MatchesTheClosedForm(int observed, double mean, double expected)
    {
        Assert.Equal(expected, CountStatistics.UpperTail(observed, mean, mean), expected * 0.01);
    }

    [Fact]
    public void UpperTail_Overdispersed_IsTheNegativeBinomialTailAndHeavierThanPoisson()
    {
        // Mean 1, variance 2: size r = 1, p = 1/2, so P(X >= k) = (1/2)^k.
        Assert.Equal(1.0 / 32, CountStatistics.UpperTail(5, 1, 2), 1e-12);
        Assert.True(CountStatistics.UpperTail(5, 1, 2) > CountStatistics.UpperTail(5, 1, 1));
    }

    [Fact]
    public void UpperTail_CountAtOrBelowTheMean_IsNeverASurprise()
    {
        Assert.Equal(1, CountStatistics.UpperTail(2, 3, 3));
    }

    [Fact]
    public void Baseline_NoHistory_ExpectsThePriorRate()
    {
        var (mean, daily, uncertainty) = CountStatistics.Baseline(new int[28], 0.1, 7);

        Assert.Equal(0.7 / 35, mean, 1e-12);
        Assert.Equal(mean, daily, 1e-12);
        Assert.Equal(mean / 35, uncertainty, 1e-12);
    }

    [Fact]
    public void Cusum_RisingCounts_CrossesAndSaysWhereTheRiseBegan()
    {
        var (statistic, start) = CountStatistics.Cusum([0, 0, 1, 0, 0, 2, 4, 6], 0.5, 1);

        Assert.Equal(5, start);
        Assert.True(statistic > 9);
    }
}
