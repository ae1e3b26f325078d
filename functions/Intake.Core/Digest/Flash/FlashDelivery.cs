namespace Intake.Core.Digest.Flash;

/// <summary>One flash alert to one receiver (a webhook or a subscriber), as admins see it.</summary>
/// <param name="Id">The delivery id (the <c>Intake-Delivery</c> header).</param>
/// <param name="FlashId">The flash it delivers.</param>
/// <param name="Rule">The flash rule.</param>
/// <param name="Region">The country.</param>
/// <param name="Area">The area.</param>
/// <param name="ReportId">The report that raised the flash.</param>
/// <param name="Channel"><c>webhook</c> or <c>email</c>.</param>
/// <param name="TargetId">The webhook's or subscriber's id.</param>
/// <param name="Status">One of <see cref="FlashStatuses"/>.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="LastAttemptAt">When it was last attempted.</param>
/// <param name="NextAttemptAt">When the next attempt is due (failed deliveries).</param>
/// <param name="DeliveredAt">When it was delivered.</param>
/// <param name="LastError">Why the last attempt failed: a status code or error kind, never a response body.</param>
public sealed record FlashDelivery(
    Guid Id,
    Guid FlashId,
    string Rule,
    string Region,
    string Area,
    Guid ReportId,
    string Channel,
    Guid TargetId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt = null,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? DeliveredAt = null,
    string? LastError = null)
{
    /// <summary>Channel of a webhook delivery.</summary>
    public const string Webhook = "webhook";

    /// <summary>Channel of an e-mail delivery.</summary>
    public const string Email = "email";
}
