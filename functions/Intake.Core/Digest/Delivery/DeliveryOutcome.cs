namespace Intake.Core.Digest.Delivery;

/// <summary>What happened to one subscriber's digest.</summary>
/// <param name="SubscriberId">The subscriber.</param>
/// <param name="Result"><c>sent</c>, <c>skipped</c> (already sent), or <c>failed</c>.</param>
/// <param name="Via"><c>smtp</c> or <c>outbox</c> when sent.</param>
public sealed record DeliveryOutcome(Guid SubscriberId, string Result, string? Via);
