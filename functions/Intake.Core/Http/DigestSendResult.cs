using Intake.Core.Digest.Delivery;

namespace Intake.Core.Http;

/// <summary>The answer of sending a day's digest.</summary>
/// <param name="Day">The digest's day.</param>
/// <param name="Force">Whether subscribers who already had it were sent it again.</param>
/// <param name="Deliveries">One outcome per subscriber.</param>
internal sealed record DigestSendResult(DateOnly Day, bool Force, IReadOnlyList<DeliveryOutcome> Deliveries);
