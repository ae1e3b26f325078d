namespace Intake.Core.Admin;

/// <summary>One admin action, as the append-only audit table keeps it.</summary>
/// <param name="At">When it ended (UTC).</param>
/// <param name="Who">The caller's id (an access token id or <c>entra:{object id}</c>); never a secret.</param>
/// <param name="WhoName">The caller's label: the token's name or the user's name.</param>
/// <param name="Action">What was done: the function/endpoint name, e.g. <c>AdminReprocessPoison</c>.</param>
/// <param name="Request">Method and path, e.g. <c>POST /api/admin/poison/reprocess</c>, with the query string.</param>
/// <param name="Parameters">The action's parameters as JSON (<c>{}</c> when none).</param>
/// <param name="Outcome"><c>succeeded</c>, <c>refused</c> or <c>failed</c>.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Count">How many items the action touched (moved, requeued, repaired, listed), when it counts.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Who,
    string WhoName,
    string Action,
    string Request,
    string Parameters,
    string Outcome,
    int Status,
    int? Count);
