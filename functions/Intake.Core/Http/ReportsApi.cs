using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Health;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The HTTP edge of the pipeline, shared by both hosts: reads a request, calls one core
/// operation and maps its outcome to an <see cref="ApiAnswer"/>. Its routes are declared in <see cref="ApiOperations"/>.
/// </summary>
public sealed class ReportsApi(
    ReportIntake intake,
    RawSubmissionStore raw,
    ReportIndex index,
    AttachmentStore attachments,
    IOptionsMonitor<IntakeOptions> options)
{
    /// <summary><c>POST /api/reports</c>: submits a JSON report.</summary>
    public async Task<ApiAnswer> SubmitAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return ApiAnswer.FromProblem(
                ProblemCatalog.UnsupportedMediaType,
                "Send the report as JSON with 'Content-Type: application/json' (UTF-8).",
                [new FieldError("Content-Type", "Must be application/json.")]);
        }

        var limit = options.CurrentValue.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.BodyTooLarge, $"The body must be at most {limit} bytes.")
                .WithHeader("X-Intake-Max-Body-Bytes", limit.ToString(CultureInfo.InvariantCulture));
        }

        // Storage failures propagate: each host maps them to 503 with Retry-After in one place (ApiFailures).
        var outcome = await intake.SubmitJsonAsync(body.Value, Caller.Of(request.HttpContext)?.Id, cancellationToken).ConfigureAwait(false);
        return Answer(request, outcome);
    }

    /// <summary>The answer to a submission's outcome, the same for the JSON API and the web form.</summary>
    internal static ApiAnswer Answer(HttpRequest request, SubmissionOutcome outcome) =>
        outcome.Result switch
        {
            SubmissionResult.Accepted => Acknowledge(request, 202, outcome.ReportId!.Value, duplicate: false),
            SubmissionResult.Duplicate => Acknowledge(request, 200, outcome.ReportId!.Value, duplicate: true),
            SubmissionResult.Conflict => ApiAnswer.FromProblem(
                ProblemCatalog.SubmissionConflict,
                "This submissionId is already taken. Generate a new UUID for a new report; a resend of your own report with the same content is answered 200.",
                [new FieldError("submissionId", "Already taken.")]),
            SubmissionResult.Malformed => ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, outcome.Errors[0].Detail, outcome.Errors),
            _ => ApiAnswer.FromProblem(
                ProblemCatalog.ValidationFailed,
                $"{outcome.Errors.Count} field(s) are invalid; see 'errors'. Nothing was stored.",
                outcome.Errors),
        };

    /// <summary>
    /// <c>GET /api/reports/{id}</c>: the report's status, without personal data. A submitter sees
    /// only reports sent with its own token; any other id is answered as unknown (404), so ids of
    /// other submitters' reports cannot be probed. Admins see every report.
    /// </summary>
    public async Task<ApiAnswer> GetStatusAsync(string id, Caller? caller, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(id, "D", out var reportId))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "The report id must be a UUID.", [new FieldError("id", "Must be a UUID.")]);
        }

        var submission = await raw.GetAsync(reportId, cancellationToken).ConfigureAwait(false);
        if (submission is null || !MayRead(caller, submission))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.ReportNotFound, "No report with this id was received.");
        }

        var row = await index.GetAsync(submission.ReceivedOn, reportId, cancellationToken).ConfigureAwait(false);
        var c = row?.Classification;

        // Attachments are evidence a submitter already holds and a partner never sees: listed for admins only.
        IReadOnlyList<ReportAttachmentView>? files = null;
        if (caller!.IsAdmin)
        {
            var stored = await attachments.ListAsync(reportId, cancellationToken).ConfigureAwait(false);
            files = [.. stored.Values.OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => new ReportAttachmentView(a.FileName, a.Sha256, a.ContentType, a.Length))];
        }

        return ApiAnswer.JsonBody(200, new ReportStatusView(
            reportId,
            row?.Status ?? ReportStatus.Received,
            submission.ReceivedAt,
            row?.ProcessedAt,
            row?.Attempts ?? 0,
            row?.LastError,
            c?.Category,
            c?.RiskFactors,
            c?.Severity,
            c?.OccurredOn,
            c?.Country,
            c?.Admin1)
        {
            Source = submission.Source,
            ReviewReasons = row is { ReviewReasons.Count: > 0 } ? row.ReviewReasons : null,
            Place = ReportPlaceView.Of(c?.Place),
            Attachments = files,
            History = row is null ? [] : AttemptHistory.Shown(row),
        });
    }

    private static bool MayRead(Caller? caller, RawSubmission submission) =>
        caller is not null && (caller.IsAdmin || (caller.Kind == CallerKind.Submitter && string.Equals(caller.Id, submission.SubmitterId, StringComparison.Ordinal)));

    private static ApiAnswer Acknowledge(HttpRequest request, int status, Guid reportId, bool duplicate)
    {
        var statusUrl = $"{request.PathBase}{ApiOperations.GetReportStatus.PathFor(reportId)}";
        return ApiAnswer.JsonBody(status, new ReportAcknowledgement(reportId, ReportStatus.Received, statusUrl, duplicate))
            .WithHeader(HeaderNames.Location, statusUrl);
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var charsetOk = !media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        return charsetOk && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase));
    }
}
