namespace Intake.Core.Http;

/// <summary>The body of <c>POST /api/admin/flash/webhooks</c>.</summary>
/// <param name="Url">Where flash alerts are POSTed: an absolute https URL (http only to a loopback address, for tests).</param>
/// <param name="Regions">ISO country codes whose flashes it receives, or <c>["*"]</c> for all.</param>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Regions);
