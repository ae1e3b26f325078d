using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Submissions;

namespace Intake.Core.Campaigns;

/// <summary>The answer of <see cref="WebFormIntake"/>: the report intake's outcome, or the problem that stopped the submission before anything was stored.</summary>
/// <param name="Submission">Set when the report reached the intake.</param>
/// <param name="Problem">Set when a photo, the campaign or its quota refused the submission.</param>
/// <param name="Detail">The problem's detail.</param>
/// <param name="Errors">The fields the problem names.</param>
public sealed record WebFormOutcome(SubmissionOutcome? Submission, Problem? Problem, string Detail, IReadOnlyList<FieldError> Errors)
{
    /// <summary>For a quota refusal: when to try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    internal static WebFormOutcome Refuse(Problem problem, string detail, string field) => new(null, problem, detail, [new FieldError(field, detail)]);
}
