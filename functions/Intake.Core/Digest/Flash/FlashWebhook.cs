using Intake.Core.Digest.Delivery;

namespace Intake.Core.Digest.Flash;

/// <summary>A registered flash-alert webhook (its secret is shown once, at creation, and never again).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Url">Where deliveries are POSTed (https; http only to a loopback address).</param>
/// <param name="Regions">ISO country codes whose flashes it receives, or <c>*</c> for all.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Audience"><see cref="Audiences.Internal"/> or <see cref="Audiences.Partner"/> (the default): whether flashes of reports not consented for sharing reach it.</param>
public sealed record FlashWebhook(Guid Id, string Url, IReadOnlyList<string> Regions, DateTimeOffset CreatedAt, string Audience = Audiences.Partner)
{
    /// <summary>Whether a flash in <paramref name="region"/> goes to this webhook.</summary>
    public bool Follows(string region) => Regions.Any(r => r == DigestSelection.AllRegions || string.Equals(r, region, StringComparison.OrdinalIgnoreCase));
}
