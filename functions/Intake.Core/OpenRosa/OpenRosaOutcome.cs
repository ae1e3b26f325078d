using Intake.Core.Problems;

namespace Intake.Core.OpenRosa;

/// <summary>The answer of <see cref="OpenRosaIntake"/> to one request.</summary>
/// <param name="Result">How it ended.</param>
/// <param name="ReportId">The report id, once the instance id is known.</param>
/// <param name="AttachmentsAdded">Attachments stored by this request.</param>
/// <param name="Problem">For <see cref="OpenRosaResult.Rejected"/> and <see cref="OpenRosaResult.Conflict"/>.</param>
/// <param name="Detail">What the client (and the person holding the phone) should read.</param>
public sealed record OpenRosaOutcome(OpenRosaResult Result, Guid? ReportId, int AttachmentsAdded, Problem? Problem, string Detail)
{
    internal static OpenRosaOutcome Reject(Problem problem, string detail, Guid? reportId = null) =>
        new(OpenRosaResult.Rejected, reportId, 0, problem, detail);
}
