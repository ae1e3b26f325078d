using Intake.Core.Access;

namespace Intake.Core.Admin;

/// <summary>The body of <c>POST /api/admin/tokens</c>.</summary>
/// <param name="Name">What the token is for: a device, a project, a person.</param>
/// <param name="Kind"><c>submitter</c> (default), <c>admin</c> or <c>partner</c>.</param>
/// <param name="Regions">For a partner token (required): the ISO 3166-1 country codes or ISO 3166-2 area codes it may export.</param>
/// <param name="ExpiresAt">Optional: when the token stops working by itself (in the future); absent, it works until revoked.</param>
internal sealed record TokenRequest(string? Name, CallerKind? Kind, IReadOnlyList<string>? Regions = null, DateTimeOffset? ExpiresAt = null);
