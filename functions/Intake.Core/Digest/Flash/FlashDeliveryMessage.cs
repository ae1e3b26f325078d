namespace Intake.Core.Digest.Flash;

/// <summary>A message on queue <c>flash-deliveries</c>: attempt this delivery now.</summary>
/// <param name="DeliveryId">The delivery (its row holds the body and the target).</param>
public sealed record FlashDeliveryMessage(Guid DeliveryId);
