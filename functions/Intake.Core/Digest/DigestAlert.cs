namespace Intake.Core.Digest;

/// <summary>An alert: which rule fired, where, and on what numbers.</summary>
/// <param name="Rule">The rule id in the alert rules file.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="Region">The region it fired for.</param>
/// <param name="Message">The alert in one sentence, with its numbers.</param>
/// <param name="Numbers">The numbers it fired on, by name (for example <c>incidents</c>, <c>trailingMean</c>, <c>threshold</c>).</param>
public sealed record DigestAlert(string Rule, string Kind, string Region, string Message, SortedDictionary<string, double> Numbers);
