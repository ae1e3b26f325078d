using Intake.Core.Digest.Delivery;

namespace Intake.Core.Digest.Flash;

/// <summary>The answer to registering a webhook: the webhook and its signing secret, shown only this once.</summary>
/// <param name="Id">The webhook's id.</param>
/// <param name="Url">Its URL.</param>
/// <param name="Regions">The regions it follows.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Secret">The HMAC-SHA256 key of its <c>Intake-Signature</c> header. Store it now: it is not shown again.</param>
/// <param name="Audience"><see cref="Audiences.Internal"/> or <see cref="Audiences.Partner"/>.</param>
public sealed record FlashWebhookCreated(Guid Id, string Url, IReadOnlyList<string> Regions, DateTimeOffset CreatedAt, string Secret, string Audience = Audiences.Partner);
