using Intake.Core.Digest.Delivery;

namespace Intake.Core.Digest;

/// <summary>
/// What the daily timer does (06:00 UTC by default): compiles and sends the previous day's
/// digest, catches up on any day of the last <see cref="DigestOptions.CatchUpDays"/> whose
/// digest is missing because the host was down, and sends again the deliveries of those days
/// that failed (the relay was down): a failed delivery is retried by every run until it is sent
/// or its day leaves the window. Delivery is at most once per (day, subscriber), so a second run
/// the same morning sends nothing new.
/// </summary>
public sealed partial class DailyDigestRun(
    DigestPublisher publisher,
    DigestArchive archive,
    DigestDelivery delivery,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DailyDigestRun> logger)
{
    /// <summary>Runs once.</summary>
    /// <returns>The days compiled.</returns>
    public async Task<IReadOnlyList<DateOnly>> RunAsync(CancellationToken cancellationToken = default)
    {
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var compiled = new List<DateOnly>();
        for (var day = yesterday.AddDays(1 - options.Value.CatchUpDays); day <= yesterday; day = day.AddDays(1))
        {
            if (day != yesterday && await archive.ExistsAsync(day, cancellationToken).ConfigureAwait(false))
            {
                var retried = await delivery.RetryFailedAsync(day, cancellationToken).ConfigureAwait(false);
                var resent = retried.Count(o => o.Result == "sent");
                if (retried.Count > 0)
                {
                    LogRetried(day, resent, retried.Count - resent);
                }

                continue;
            }

            await publisher.PublishAsync(day, cancellationToken).ConfigureAwait(false);
            var outcomes = await delivery.SendAsync(day, force: false, subscriberId: null, cancellationToken).ConfigureAwait(false) ?? [];
            var sent = outcomes.Count(o => o.Result == "sent");
            var failed = outcomes.Count(o => o.Result == "failed");
            LogDay(day, sent, failed);
            compiled.Add(day);
        }

        return compiled;
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Daily digest run: {Day} compiled, {Sent} sent, {Failed} failed")]
    private partial void LogDay(DateOnly day, int sent, int failed);

    [LoggerMessage(EventId = 422, Level = LogLevel.Information, Message = "Daily digest run: failed deliveries of {Day} retried, {Sent} sent, {Others} not (failed again, or already claimed)")]
    private partial void LogRetried(DateOnly day, int sent, int others);
}
