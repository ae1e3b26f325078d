using System.Globalization;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Health;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The HTTP edge of the pipeline, shared by both hosts: reads a request, calls one core
/// operation and maps its outcome to an <see cref="ApiAnswer"/>. Routes are in <see cref="Routes"/>.
/// </summary>
public sealed class ReportsApi(
    ReportIntake intake,
    RawSubmissionStore raw,
    ReportIndex index,
    StorageHealth health,
    ReportSchemaDocument schema,
    IOptionsMonitor<IntakeOptions> options)
{
    /// <summary>The route prefix of every endpoint.</summary>
    public const string Prefix = "/api/";

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

        SubmissionOutcome outcome;
        try
        {
            outcome = await intake.SubmitJsonAsync(body.Value, Caller.Of(request.HttpContext)?.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException e)
        {
            return Unavailable(e.RetryAfter, "The report was not stored. Send it again after the Retry-After interval.");
        }

        return outcome.Result switch
        {
            SubmissionResult.Accepted => Acknowledge(request, 202, outcome.ReportId!.Value, duplicate: false),
            SubmissionResult.Duplicate => Acknowledge(request, 200, outcome.ReportId!.Value, duplicate: true),
            SubmissionResult.Conflict => ApiAnswer.FromProblem(
                ProblemCatalog.SubmissionConflict,
                "A different report was already received with this submissionId. Generate a new UUID for a new report.",
                [new FieldError("submissionId", "Already used for different content.")]),
            SubmissionResult.Malformed => ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, outcome.Errors[0].Detail, outcome.Errors),
            _ => ApiAnswer.FromProblem(
                ProblemCatalog.ValidationFailed,
                $"{outcome.Errors.Count} field(s) are invalid; see 'errors'. Nothing was stored.",
                outcome.Errors),
        };
    }

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

        try
        {
            var submission = await raw.GetAsync(reportId, cancellationToken).ConfigureAwait(false);
            if (submission is null || !MayRead(caller, submission))
            {
                return ApiAnswer.FromProblem(ProblemCatalog.ReportNotFound, "No report with this id was received.");
            }

            var row = await index.GetAsync(submission.ReceivedOn, reportId, cancellationToken).ConfigureAwait(false);
            var c = row?.Classification;
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
            });
        }
        catch (Exception e) when (StorageResilience.IsTransient(e))
        {
            return Unavailable(StorageResilience.BreakDuration, "The report's status cannot be read now.");
        }
    }

    /// <summary><c>GET /api/health</c>: 200 when storage answers, 503 when not.</summary>
    public async Task<ApiAnswer> HealthAsync(CancellationToken cancellationToken = default)
    {
        var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        var answer = ApiAnswer.JsonBody(report.IsHealthy ? 200 : 503, report);
        return report.IsHealthy ? answer : answer.WithHeader(HeaderNames.RetryAfter, "10");
    }

    /// <summary><c>GET /api/schema/report</c>: the JSON Schema of the report, with the taxonomy.</summary>
    public ApiAnswer Schema() => ApiAnswer.Bytes(200, "application/schema+json", schema.Utf8);

    private static bool MayRead(Caller? caller, RawSubmission submission) =>
        caller is not null && (caller.IsAdmin || (caller.Kind == CallerKind.Submitter && string.Equals(caller.Id, submission.SubmitterId, StringComparison.Ordinal)));

    private static ApiAnswer Acknowledge(HttpRequest request, int status, Guid reportId, bool duplicate)
    {
        var statusUrl = $"{request.PathBase}{Prefix}reports/{reportId:D}";
        return ApiAnswer.JsonBody(status, new ReportAcknowledgement(reportId, ReportStatus.Received, statusUrl, duplicate))
            .WithHeader(HeaderNames.Location, statusUrl);
    }

    private static ApiAnswer Unavailable(TimeSpan retryAfter, string detail) =>
        ApiAnswer.FromProblem(ProblemCatalog.StorageUnavailable, detail)
            .WithHeader(HeaderNames.RetryAfter, ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

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
