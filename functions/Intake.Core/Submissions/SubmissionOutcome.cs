using Intake.Core.Reports;

namespace Intake.Core.Submissions;

/// <summary>The answer of <see cref="ReportIntake"/> to one submission.</summary>
/// <param name="Result">How it ended.</param>
/// <param name="ReportId">The report id, when the body named one that could be read.</param>
/// <param name="Errors">For <see cref="SubmissionResult.Malformed"/> and <see cref="SubmissionResult.Invalid"/>.</param>
public sealed record SubmissionOutcome(SubmissionResult Result, Guid? ReportId, IReadOnlyList<FieldError> Errors)
{
    internal static SubmissionOutcome Of(SubmissionResult result, Guid id) => new(result, id, []);
}
