namespace Intake.Core.Digest.Delivery;

/// <summary>Someone who receives the digest. The e-mail address is personal data: never log it.</summary>
/// <param name="Id">Stable id (a UUID), used in logs and in the delivery ledger.</param>
/// <param name="Email">Where the digest goes.</param>
/// <param name="Regions">ISO country codes followed, or <c>*</c> for all.</param>
/// <param name="Language">Preferred language (BCP 47), if any; digests are in English for now.</param>
/// <param name="Flash">True when the subscriber also wants flash alerts for its regions, as they happen.</param>
/// <param name="Audience"><see cref="Audiences.Internal"/> or <see cref="Audiences.Partner"/> (the default): whether per-report lines of reports not consented for sharing reach it.</param>
public sealed record Subscriber(Guid Id, string Email, IReadOnlyList<string> Regions, string? Language, bool Flash = false, string Audience = Audiences.Partner);
