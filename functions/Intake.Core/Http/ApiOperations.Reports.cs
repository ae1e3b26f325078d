using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Health;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>POST /api/reports</c>.</summary>
    public static readonly ApiOperation SubmitReport = ApiOperation.Of<ReportsApi>(
        nameof(SubmitReport), "POST", Routes.Reports, RouteClass.Submitter,
        "Submit a JSON report. Answered only once its raw body is durable; a resend of the same report is a success that stores nothing new.",
        (api, request, ct) => api.SubmitAsync(request, ct)) with
    {
        Body = new ApiContent(Json, SchemaName: OpenApiDocument.ReportSchema),
        Responses =
        [
            new(202, "Received: stored, indexed and queued. Location names the status URL.", new ApiContent(Json, typeof(ReportAcknowledgement))),
            new(200, "A resend of a report already received: nothing new was stored.", new ApiContent(Json, typeof(ReportAcknowledgement))),
        ],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.UnsupportedMediaType, ProblemCatalog.BodyTooLarge, ProblemCatalog.ValidationFailed, ProblemCatalog.SubmissionConflict],
    };

    /// <summary><c>GET /api/reports/{id}</c>.</summary>
    public static readonly ApiOperation GetReportStatus = ApiOperation.Of<ReportsApi>(
        nameof(GetReportStatus), "GET", Routes.Report, RouteClass.Submitter,
        "The status and classification of one report, without personal data. Submitters see only their own reports; admins also see its attachments (name, SHA-256, type, size).",
        (api, request, ct) => api.GetStatusAsync(request.Route("id"), Caller.Of(request.HttpContext), ct)) with
    {
        Responses = [new(200, "The report's status.", new ApiContent(Json, typeof(ReportStatusView)))],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.ReportNotFound],
    };

    private static IEnumerable<ApiOperation> ReportsGroup => [SubmitReport, GetReportStatus];
}
