namespace Intake.Core.Digest.Flash;

/// <summary>A delivery with what only the sender needs: the exact body to sign and when its retry budget started.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Body">The JSON body, byte for byte the same on every attempt.</param>
/// <param name="RetryFrom">When retrying started (creation, or the last redeliver).</param>
internal sealed record StoredFlashDelivery(FlashDelivery Delivery, string Body, DateTimeOffset RetryFrom);
