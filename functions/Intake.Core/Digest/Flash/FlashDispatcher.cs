using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Tally;
using Intake.Core.Places;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// Raises flash alerts while a report is processed. The rules run in memory first, so a report
/// that triggers nothing (almost every one) costs no storage call. A report that triggers a rule
/// claims its (area, rule) window (1 to 3 table calls), and only the winner reads the webhooks and
/// subscribers (2 queries) and adds one delivery row and one queue message per receiver; webhooks
/// are then attempted at once, so a flash normally arrives within a second of processing, and the
/// queued message is the durable retry. Idempotent: a redelivered report re-finds its claim and
/// its deliveries (their ids derive from the flash and the receiver) and adds nothing twice.
/// <see cref="FlashSweep"/> raises new area-level alerts through the same window, receivers and
/// deliveries (<see cref="RaiseAreaAlertAsync"/>).
/// </summary>
public sealed partial class FlashDispatcher(
    FlashWindow window,
    FlashWebhookStore webhooks,
    SubscriberStore subscribers,
    FlashDeliveryStore deliveries,
    FlashDeliverer deliverer,
    IOptions<FlashOptions> options,
    TimeProvider time,
    ILogger<FlashDispatcher> logger,
    Gazetteer? gazetteer = null)
{
    /// <summary>Raises the flashes <paramref name="report"/> triggers; returns how many deliveries were queued.</summary>
    public async Task<int> RaiseAsync(TalliedReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var matched = FlashRules.Match(report, options.Value);
        if (matched.Count == 0)
        {
            return 0;
        }

        var queued = 0;
        foreach (var (rule, title) in matched)
        {
            var now = time.GetUtcNow();
            var flashId = await window.TryClaimAsync(report.Country, report.Area, rule, report.ReportId, now, options.Value.Window, cancellationToken).ConfigureAwait(false);
            if (flashId is not { } id)
            {
                LogSuppressed(report.ReportId, rule);
                continue;
            }

            var areaName = AreaName(report.Area);
            // A report flash is the report itself: it reaches partners only with the reporter's consent.
            queued += await FanOutAsync(report.Country, report.Area, rule, report.ReportId, id, now, (deliveryId, audience) => !report.SharedWithPartners && !Audiences.SeesUnshared(audience) ? null : new FlashAlert(
                FlashAlert.SchemaId, deliveryId, id, rule, title, report.Country, report.Area, report.ReportId, report.Category,
                report.RiskFactors, report.Severity, report.Killed, report.Injured, report.OccurredOn, report.SourceType, now, areaName), cancellationToken).ConfigureAwait(false);
        }

        return queued;
    }

    /// <summary>
    /// Raises a flash for a new area-level alert, once per (area, rule) in the window: the claim is
    /// made for the alert (its rule, area and first day), so a later sweep that sees the same alert
    /// finds its own claim and its deliveries and adds nothing. The other new alerts of the same
    /// area are named in the flash and their windows claimed with it, so they do not flash apart.
    /// </summary>
    /// <returns>How many deliveries were queued.</returns>
    public async Task<int> RaiseAreaAlertAsync(DigestAlert alert, string title, IReadOnlyList<DigestAlert> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(alongside);
        if (!options.Value.Enabled || alert.Area is not { } area)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var claimant = AlertClaimant(alert);
        var flashId = await window.TryClaimAsync(alert.Region, area, alert.Rule, claimant, now, options.Value.Window, cancellationToken).ConfigureAwait(false);
        if (flashId is not { } id)
        {
            LogAlertSuppressed(alert.Rule, alert.Region, area);
            return 0;
        }

        foreach (var other in alongside)
        {
            await window.TryClaimAsync(other.Region, area, other.Rule, AlertClaimant(other), now, options.Value.Window, cancellationToken).ConfigureAwait(false);
        }

        var named = alert with { AreaName = AreaName(area) ?? alert.AreaName };
        var heaviest = alert.Evidence is { ReportIds.Count: > 0 } e ? e.ReportIds[0] : Guid.Empty;
        return await FanOutAsync(alert.Region, area, alert.Rule, heaviest, id, now, (deliveryId, audience) => new FlashAlert(
            FlashAlert.AreaSchemaId, deliveryId, id, alert.Rule, title, alert.Region, area, null, null, null, null, null, null, null, null, now, named.AreaName, PartnerView.For(named, audience),
            [.. alongside.Select(a => a.Rule)]), cancellationToken).ConfigureAwait(false);
    }

    // bodyFor gives the body for a delivery id and the receiver's audience (Audiences); null when that receiver may not have it.
    private async Task<int> FanOutAsync(string region, string area, string rule, Guid reportId, Guid flashId, DateTimeOffset now, Func<Guid, string, FlashAlert?> bodyFor, CancellationToken cancellationToken)
    {
        var targets = new List<(string Channel, Guid Id, string Audience)>();
        foreach (var hook in await webhooks.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (hook.Follows(region))
            {
                targets.Add((FlashDelivery.Webhook, hook.Id, hook.Audience));
            }
        }

        await foreach (var s in subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (s.Flash && s.Regions.Any(r => r == DigestSelection.AllRegions || string.Equals(r, region, StringComparison.OrdinalIgnoreCase)))
            {
                targets.Add((FlashDelivery.Email, s.Id, s.Audience));
            }
        }

        var immediate = new List<Guid>();
        var sent = 0;
        foreach (var (channel, targetId, audience) in targets)
        {
            var deliveryId = DeliveryId(flashId, targetId);
            if (bodyFor(deliveryId, audience) is not { } body)
            {
                continue;
            }

            sent++;
            var delivery = new FlashDelivery(deliveryId, flashId, rule, region, area, reportId, channel, targetId, FlashStatuses.Pending, 0, now);
            if (!await deliveries.TryAddAsync(delivery, JsonSerializer.Serialize(body, FlashJsonContext.Default.FlashAlert), cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            // Webhooks are attempted at once below; their message is the retry, visible after the first delay.
            var webhook = channel == FlashDelivery.Webhook;
            await deliverer.EnqueueAsync(deliveryId, webhook ? options.Value.FirstRetryDelay : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (webhook)
            {
                immediate.Add(deliveryId);
            }
        }

        LogRaised(reportId, rule, flashId, sent);
        await Task.WhenAll(immediate.Select(id => AttemptNowAsync(id, cancellationToken))).ConfigureAwait(false);
        return sent;
    }

    private async Task AttemptNowAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await deliverer.AttemptAsync(deliveryId, scheduleNext: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The queued message retries it; the report's processing must not fail for a receiver.
            LogImmediateFailed(e, deliveryId);
        }
    }

    /// <summary>The English name of an ISO 3166-2 area; null for an area as reported.</summary>
    private string? AreaName(string area) => area.Contains('-', StringComparison.Ordinal) ? gazetteer?.NameOf(area) : null;

    /// <summary>Who claims an area alert's window: the same for the same rule, area and first day, whichever sweep sees it.</summary>
    internal static Guid AlertClaimant(DigestAlert alert)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{alert.Rule}|{alert.Region}|{alert.Area}|{alert.Since:yyyy-MM-dd}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>The same id for the same flash and receiver, however often the report is processed.</summary>
    internal static Guid DeliveryId(Guid flashId, Guid targetId)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(flashId.ToString("N") + targetId.ToString("N")));
        return new Guid(hash.AsSpan(0, 16));
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Report {ReportId} raised flash {FlashId} ({Rule}) for {Receivers} receiver(s)")]
    private partial void LogRaised(Guid reportId, string rule, Guid flashId, int receivers);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Report {ReportId} matched flash rule {Rule}, already flashed for its area in the window")]
    private partial void LogSuppressed(Guid reportId, string rule);

    [LoggerMessage(EventId = 713, Level = LogLevel.Information, Message = "New alert {Rule} in {Region} {Area}: already flashed for its area in the window")]
    private partial void LogAlertSuppressed(string rule, string region, string area);

    [LoggerMessage(EventId = 712, Level = LogLevel.Warning, Message = "Immediate attempt of flash delivery {DeliveryId} failed; the queue retries it")]
    private partial void LogImmediateFailed(Exception exception, Guid deliveryId);
}
