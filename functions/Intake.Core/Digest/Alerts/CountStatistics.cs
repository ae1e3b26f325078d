namespace Intake.Core.Digest.Alerts;

/// <summary>
/// The tests behind the rules, on daily counts. Pure functions, unit tested on known values.
/// </summary>
internal static class CountStatistics
{
    /// <summary>
    /// The smoothed baseline of a series: a gamma prior of <paramref name="priorRate"/> per day weighing
    /// <paramref name="priorDays"/> days, updated with the counts seen. An area with no history is
    /// expected to see <paramref name="priorRate"/> a day rather than nothing (which would make any
    /// single report a certainty-level surprise); one with a long history keeps its own rate.
    /// Returns the mean of one day, its day-to-day variance (Poisson plus any overdispersion seen in
    /// the baseline) and the variance of the mean's own estimate (the gamma posterior's), which a sum
    /// over n days carries n^2 times, since every day is compared with the same estimate.
    /// </summary>
    public static (double Mean, double DailyVariance, double Uncertainty) Baseline(ReadOnlySpan<int> counts, double priorRate, int priorDays)
    {
        double sum = 0, squares = 0;
        foreach (var c in counts)
        {
            sum += c;
            squares += (double)c * c;
        }

        var days = counts.Length;
        var mean = (sum + priorRate * priorDays) / (days + priorDays);
        var sampleMean = days == 0 ? 0 : sum / days;
        var sampleVariance = days <= 1 ? 0 : (squares - days * sampleMean * sampleMean) / (days - 1);
        var extra = Math.Max(0, sampleVariance - sampleMean);
        return (mean, mean + extra, mean / (days + priorDays));
    }

    /// <summary>
    /// P(X &gt;= <paramref name="observed"/>) for a count with the given mean and variance: negative
    /// binomial when the variance exceeds the mean, Poisson otherwise. Summed from the tail itself
    /// (not 1 minus the head), so very small probabilities keep their precision.
    /// </summary>
    public static double UpperTail(int observed, double mean, double variance)
    {
        if (observed <= 0)
        {
            return 1;
        }

        if (observed <= mean)
        {
            // Never a surprise; the exact value is not needed by any rule.
            return 1;
        }

        var poisson = variance <= mean * (1 + 1e-9);
        var size = poisson ? 0 : mean * mean / (variance - mean);
        var p = poisson ? 0 : size / (size + mean);
        // log P(X = 0), then the ratio P(k+1)/P(k) up to the observed count.
        var log = poisson ? -mean : size * Math.Log(p);
        for (var k = 0; k < observed; k++)
        {
            log += poisson ? Math.Log(mean / (k + 1)) : Math.Log((k + size) / (k + 1) * (1 - p));
        }

        double tail = 0;
        for (var k = observed; k < observed + 100_000; k++)
        {
            var term = Math.Exp(log);
            tail += term;
            if (term <= tail * 1e-15)
            {
                break;
            }

            log += poisson ? Math.Log(mean / (k + 1)) : Math.Log((k + size) / (k + 1) * (1 - p));
        }

        return Math.Min(1, tail);
    }

    /// <summary>
    /// Poisson CUSUM (Lucas 1985) over <paramref name="counts"/> with in-control rate
    /// <paramref name="rate0"/> and out-of-control rate <paramref name="rate1"/>:
    /// S = max(0, S + x - k) with k = (rate1 - rate0) / ln(rate1 / rate0). Returns the statistic at
    /// the end and the index where its current run began (after its last return to 0).
    /// </summary>
    public static (double Statistic, int RunStart) Cusum(ReadOnlySpan<int> counts, double rate0, double rate1)
    {
        var k = (rate1 - rate0) / Math.Log(rate1 / rate0);
        double s = 0;
        var start = counts.Length;
        for (var i = 0; i < counts.Length; i++)
        {
            var next = Math.Max(0, s + counts[i] - k);
            if (s == 0 && next > 0)
            {
                start = i;
            }

            s = next;
            if (s == 0)
            {
                start = counts.Length;
            }
        }

        return (s, start);
    }
}
