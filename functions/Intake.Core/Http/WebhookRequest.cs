namespace Intake.Core.Http;

/// <summary>The body of <c>POST /api/admin/flash/webhooks</c>.</summary>
/// <param name="Url">Where flash alerts are POSTed: an absolute https URL (http only to a loopback address, for tests).</param>
/// <param name="Regions">ISO country codes whose flashes it receives, or <c>["*"]</c> for all.</param>
/// <param name="Audience">Optional: <c>internal</c> (the organisation's own system: every report flash) or <c>partner</c> (the default: flashes of reports consented for sharing only).</param>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Regions, string? Audience = null);
