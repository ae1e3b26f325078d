using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    private const string OpenRosaXmlType = "text/xml";

    /// <summary><c>GET /api/openrosa/formList</c>.</summary>
    public static readonly ApiOperation OpenRosaFormList = ApiOperation.Of<OpenRosaApi>(
        nameof(OpenRosaFormList), "GET", Routes.OpenRosaFormList, RouteClass.Anonymous,
        "The OpenRosa form list (?formID= filters, ?verbose=true adds descriptions).",
        (api, request, _) => Task.FromResult(api.FormList(request))) with
    {
        IsOpenRosa = true,
        Query = [new("formID", "Only this form."), new("verbose", "true adds descriptions.", "boolean")],
        Responses = [new(200, "The OpenRosa xforms document.", new ApiContent(OpenRosaXmlType))],
    };

    /// <summary><c>GET /api/openrosa/forms/{formId}</c>.</summary>
    public static readonly ApiOperation OpenRosaFormDownload = ApiOperation.Of<OpenRosaApi>(
        nameof(OpenRosaFormDownload), "GET", Routes.OpenRosaForm, RouteClass.Anonymous,
        "One blank XForm, byte for byte as hashed in the form list.",
        (api, request, _) => Task.FromResult(api.FormDownload(request.Route("formId")))) with
    {
        IsOpenRosa = true,
        Responses = [new(200, "The XForm.", new ApiContent(OpenRosaXmlType))],
        Problems = [ProblemCatalog.FormNotFound],
    };

    /// <summary><c>HEAD /api/openrosa/submission</c>.</summary>
    public static readonly ApiOperation OpenRosaSubmissionHead = ApiOperation.Of<OpenRosaApi>(
        nameof(OpenRosaSubmissionHead), "HEAD", Routes.OpenRosaSubmission, RouteClass.Submitter,
        "OpenRosa pre-flight: 204 with X-OpenRosa-Accept-Content-Length.",
        (api, _, _) => Task.FromResult(api.SubmissionInfo())) with
    {
        IsOpenRosa = true,
        Responses = [new(204, "Ready; the headers carry the size limit.")],
    };

    /// <summary><c>GET /api/openrosa/submission</c>.</summary>
    public static readonly ApiOperation OpenRosaSubmissionGet = OpenRosaSubmissionHead with
    {
        Name = nameof(OpenRosaSubmissionGet),
        Method = "GET",
    };

    /// <summary><c>POST /api/openrosa/submission</c>.</summary>
    public static readonly ApiOperation OpenRosaSubmit = ApiOperation.Of<OpenRosaApi>(
        nameof(OpenRosaSubmit), "POST", Routes.OpenRosaSubmission, RouteClass.Submitter,
        "An OpenRosa submission: multipart/form-data with xml_submission_file and the attachments it names.",
        (api, request, ct) => api.SubmitAsync(request, ct)) with
    {
        IsOpenRosa = true,
        Body = new ApiContent("multipart/form-data"),
        Responses =
        [
            new(201, "Stored (or more attachments of it stored).", new ApiContent(OpenRosaXmlType)),
            new(202, "Already received; nothing new stored.", new ApiContent(OpenRosaXmlType)),
        ],
        Problems =
        [
            ProblemCatalog.OpenRosaVersionMissing, ProblemCatalog.MalformedMultipart, ProblemCatalog.MalformedXml, ProblemCatalog.InvalidAttachmentName,
            ProblemCatalog.InstanceConflict, ProblemCatalog.BodyTooLarge, ProblemCatalog.AttachmentTooLarge, ProblemCatalog.AttachmentTypeNotAllowed,
            ProblemCatalog.AttachmentTypeMismatch, ProblemCatalog.DuplicateField, ProblemCatalog.EncryptedSubmissionMalformed, ProblemCatalog.QuotaExceeded,
        ],
    };

    /// <summary><c>GET /api/key/{token}/openrosa/formList</c>.</summary>
    public static readonly ApiOperation KeyedOpenRosaFormList = OpenRosaFormList.WithPathToken();

    /// <summary><c>GET /api/key/{token}/openrosa/forms/{formId}</c>.</summary>
    public static readonly ApiOperation KeyedOpenRosaFormDownload = OpenRosaFormDownload.WithPathToken();

    /// <summary><c>HEAD /api/key/{token}/openrosa/submission</c>.</summary>
    public static readonly ApiOperation KeyedOpenRosaSubmissionHead = OpenRosaSubmissionHead.WithPathToken();

    /// <summary><c>GET /api/key/{token}/openrosa/submission</c>.</summary>
    public static readonly ApiOperation KeyedOpenRosaSubmissionGet = OpenRosaSubmissionGet.WithPathToken();

    /// <summary><c>POST /api/key/{token}/openrosa/submission</c>.</summary>
    public static readonly ApiOperation KeyedOpenRosaSubmit = OpenRosaSubmit.WithPathToken();

    private static IEnumerable<ApiOperation> OpenRosaGroup =>
    [
        OpenRosaFormList, OpenRosaFormDownload, OpenRosaSubmissionHead, OpenRosaSubmissionGet, OpenRosaSubmit,
        KeyedOpenRosaFormList, KeyedOpenRosaFormDownload, KeyedOpenRosaSubmissionHead, KeyedOpenRosaSubmissionGet, KeyedOpenRosaSubmit,
    ];
}
