namespace Intake.Core.Http;

/// <summary>The body of <c>POST /api/admin/alerts/backtest</c>.</summary>
/// <param name="From">First day to replay (yyyy-MM-dd, UTC).</param>
/// <param name="To">Last day to replay (yyyy-MM-dd, UTC), today or earlier, at most 92 days after <paramref name="From"/>.</param>
/// <param name="Rules">Optional: a whole alert rules document (the shape of <c>digest/alert-rules.json</c>) to try instead of the configured rules.</param>
public sealed record BacktestRequest(string? From, string? To, JsonElement? Rules = null);
