using Intake.Core.Access;

namespace Intake.Core.Admin;

/// <summary>The body of <c>POST /api/admin/tokens</c>.</summary>
/// <param name="Name">What the token is for: a device, a project, a person.</param>
/// <param name="Kind"><c>submitter</c> (default) or <c>admin</c>.</param>
internal sealed record TokenRequest(string? Name, CallerKind? Kind);
