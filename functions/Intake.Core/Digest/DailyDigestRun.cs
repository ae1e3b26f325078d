using Intake.Core.Digest.Delivery;

namespace Intake.Core.Digest;

/// <summary>
/// What the daily timer does (06:00 UTC by default): compiles and sends the previous day's
/// digest, and catches up on any day of the last <see cref="DigestOptions.CatchUpDays"/> whose
/// digest is missing because the host was down. Delivery is at most once per (day, subscriber),
/// so a second run the same morning sends nothing new.
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
}
