namespace Intake.Core.Digest.Alerts;

/// <summary>A rule that fired on a unit on a day, before it is known whether it is new.</summary>
internal sealed record AlertFinding(int Order, AlertRule Rule, AlertUnit Unit, string Message, SortedDictionary<string, double> Numbers, AlertEvidence Evidence);
