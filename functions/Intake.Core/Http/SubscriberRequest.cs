namespace Intake.Core.Http;

/// <summary>The body of <c>POST /api/admin/subscribers</c>.</summary>
/// <param name="Email">Where the digest goes.</param>
/// <param name="Regions">ISO country codes followed, or <c>["*"]</c> for all.</param>
/// <param name="Language">Optional BCP 47 language tag.</param>
/// <param name="Flash">Optional: true to also receive flash alerts for these regions as they happen (default false).</param>
/// <param name="Audience">Optional: <c>internal</c> (the organisation's staff: sees every report) or <c>partner</c> (the default: per-report lines only of reports consented for sharing).</param>
internal sealed record SubscriberRequest(string? Email, IReadOnlyList<string>? Regions, string? Language, bool? Flash = null, string? Audience = null);
