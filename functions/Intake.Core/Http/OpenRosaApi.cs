using Intake.Core.Access;
using Intake.Core.OpenRosa;
using Intake.Core.Problems;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The HTTP edge of the OpenRosa APIs (Form List, form download, Form Submission), shared by both
/// hosts and by the plain and the path-token (<c>key/{token}/openrosa/...</c>) routes. URLs it
/// hands out are built from the request's own path, so a client that came in with a token keeps
/// it. Success is never 200: OpenRosa clients take a 200 to a submission for a captive portal.
/// </summary>
public sealed class OpenRosaApi(FormCatalog forms, OpenRosaIntake intake, AttachmentQuota quota, AttachmentStore attachments, IOptionsMonitor<OpenRosaOptions> options)
{
    /// <summary>The protocol version header, required on submissions and sent on every answer.</summary>
    public const string VersionHeader = "X-OpenRosa-Version";

    /// <summary>The header advertising the largest accepted submission request.</summary>
    public const string AcceptContentLengthHeader = "X-OpenRosa-Accept-Content-Length";

    /// <summary>The only protocol version.</summary>
    public const string Version = "1.0";

    /// <summary><c>GET .../openrosa/formList</c>: the Form List API document (<c>?formID=</c> filters, <c>?verbose=true</c> adds descriptions).</summary>
    public ApiAnswer FormList(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var formId = request.Query["formID"].ToString();
        var verbose = string.Equals(request.Query["verbose"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var listed = forms.Forms.Where(f => formId.Length == 0 || f.FormId == formId);
        return Xml(200, OpenRosaXml.FormList(listed, BaseUrl(request, "formList"), verbose));
    }

    /// <summary><c>GET .../openrosa/forms/{formId}</c>: the blank form, byte for byte as hashed in the form list.</summary>
    public ApiAnswer FormDownload(string formId)
    {
        var form = forms.Find(formId);
        return form is null
            ? Problem(ProblemCatalog.FormNotFound, "No form with this formID; GET formList lists the forms.")
            : Xml(200, form.Xml.ToArray());
    }

    /// <summary><c>HEAD</c> or <c>GET .../openrosa/submission</c>: 204 with the size limit actually enforced.</summary>
    public ApiAnswer SubmissionInfo() => ApiAnswer.Empty(204)
        .WithHeader(VersionHeader, Version)
        .WithHeader(AcceptContentLengthHeader, options.CurrentValue.MaxRequestBytes.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>POST .../openrosa/submission</c>: 201 new, 202 already have it, 409 conflict, 413 too large.</summary>
    public async Task<ApiAnswer> SubmitAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.ContainsKey(VersionHeader))
        {
            return Problem(ProblemCatalog.OpenRosaVersionMissing, $"Send the header '{VersionHeader}: {Version}' with OpenRosa submissions. Nothing was stored.");
        }

        var limits = options.CurrentValue;
        var reading = await MultipartSubmission.ReadAsync(request, limits, cancellationToken).ConfigureAwait(false);
        if (reading.Upload is null)
        {
            var answer = Problem(reading.Problem!, reading.Detail);
            return reading.Problem!.Status == 413 ? WithLimit(answer) : answer;
        }

        // Attachments count against the token's daily quota before anything is stored; admins are not counted.
        var caller = Caller.Of(request.HttpContext);
        var charged = caller is { IsAdmin: false } ? await NewAttachmentBytesAsync(reading.Upload, limits, cancellationToken).ConfigureAwait(false) : 0;
        if (charged > 0 && await quota.TryChargeAsync(caller!.Id, charged, cancellationToken).ConfigureAwait(false) is { } untilTomorrow)
        {
            return Problem(ProblemCatalog.QuotaExceeded, "This token has stored as many attachment bytes today as it may. Nothing was stored; send again after the Retry-After interval (the next UTC day).")
                .WithRetryAfter(untilTomorrow);
        }

        // Storage failures propagate: the host answers them as OpenRosa XML 503s with Retry-After (ApiFailures).
        var outcome = await intake.SubmitAsync(reading.Upload, caller?.Id, cancellationToken).ConfigureAwait(false);
        if (charged > 0 && outcome.Result is not (OpenRosaResult.Created or OpenRosaResult.AttachmentsAdded))
        {
            // A refusal (or a race with a resend) stored no attachment: the charge is given back.
            await quota.RefundAsync(caller!.Id, charged, cancellationToken).ConfigureAwait(false);
        }

        return outcome.Result switch
        {
            OpenRosaResult.Created or OpenRosaResult.AttachmentsAdded => Success(201, outcome),
            OpenRosaResult.AlreadyHave => Success(202, outcome),
            _ => outcome.Problem!.Status == 413 ? WithLimit(Problem(outcome.Problem, outcome.Detail)) : Problem(outcome.Problem!, outcome.Detail),
        };
    }

    /// <summary>
    /// The bytes of the attachments this request would add: the files the instance names that are
    /// not stored for it already (so a resend costs nothing). 0 when the XML cannot be read, which
    /// the intake then refuses.
    /// </summary>
    private async Task<long> NewAttachmentBytesAsync(OpenRosaUpload upload, OpenRosaOptions limits, CancellationToken cancellationToken)
    {
        if (upload.Files.Count == 0)
        {
            return 0;
        }

        XFormInstance instance;
        try
        {
            instance = XFormInstance.Parse(upload.Xml, limits.MaxXmlBytes);
        }
        catch (XmlException)
        {
            return 0;
        }

        var stored = await attachments.ListAsync(instance.ReportId, cancellationToken).ConfigureAwait(false);
        return upload.Files
            .Where(f => instance.FileNames.Contains(f.FileName) && !stored.ContainsKey(f.FileName))
            .Sum(f => (long)f.Content.Length);
    }

    private ApiAnswer WithLimit(ApiAnswer answer) =>
        answer.WithHeader(AcceptContentLengthHeader, options.CurrentValue.MaxRequestBytes.ToString(CultureInfo.InvariantCulture));

    private static ApiAnswer Success(int status, OpenRosaOutcome outcome) =>
        Xml(status, OpenRosaXml.Response(outcome.Detail, "submit_success"))
            .WithHeader(HeaderNames.Location, ApiOperations.GetReportStatus.PathFor(outcome.ReportId!.Value));

    /// <summary>A problem as the OpenRosa response document clients show to their users.</summary>
    internal static ApiAnswer Problem(Problem problem, string detail) =>
        Xml(problem.Status, OpenRosaXml.Response(detail, "error", problem.Code));

    private static ApiAnswer Xml(int status, byte[] body) =>
        ApiAnswer.Bytes(status, OpenRosaXml.ContentType, body).WithHeader(VersionHeader, Version);

    /// <summary>The absolute URL of the <c>openrosa/</c> folder the request came through.</summary>
    private static string BaseUrl(HttpRequest request, string leaf)
    {
        var path = request.Path.Value ?? "";
        var folder = path.EndsWith(leaf, StringComparison.OrdinalIgnoreCase) ? path[..^leaf.Length] : path + "/";
        return $"{request.Scheme}://{request.Host}{request.PathBase}{folder}";
    }
}
