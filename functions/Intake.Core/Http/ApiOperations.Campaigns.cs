using Intake.Core.Access;
using Intake.Core.Campaigns;
using Intake.Core.Configuration;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>GET /api/admin/campaigns</c>.</summary>
    public static readonly ApiOperation AdminListCampaigns = ApiOperation.Of<CampaignsApi>(
        nameof(AdminListCampaigns), "GET", Routes.AdminCampaigns, RouteClass.Admin,
        "Every campaign (public web-form link), closed and expired ones included, without credentials.",
        (api, request, ct) => api.ListAsync(request.HttpContext, ct)) with
    {
        Responses = [new(200, "The campaigns, newest first.", new ApiContent(Json, typeof(IReadOnlyList<CampaignView>)))],
    };

    /// <summary><c>POST /api/admin/campaigns</c>.</summary>
    public static readonly ApiOperation AdminCreateCampaign = ApiOperation.Of<CampaignsApi>(
        nameof(AdminCreateCampaign), "POST", Routes.AdminCampaigns, RouteClass.Admin,
        "Creates a campaign: a public link to the web form with a submit-only credential, its regions, languages, expiry and daily quota. The answer carries the link with its credential, once.",
        (api, request, ct) => api.CreateAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(CampaignRequest)),
        Responses = [new(201, "The campaign and its link (shown only now).", new ApiContent(Json, typeof(CampaignView)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>POST /api/admin/campaigns/{id}/close</c>.</summary>
    public static readonly ApiOperation AdminCloseCampaign = ApiOperation.Of<CampaignsApi>(
        nameof(AdminCloseCampaign), "POST", Routes.AdminCloseCampaign, RouteClass.Admin,
        "Closes a campaign: its link is refused from the next request on (on other instances within 30 s).",
        (api, request, ct) => api.CloseAsync(request.HttpContext, request.Route("id"), ct)) with
    {
        Responses = [new(200, "The closed campaign.", new ApiContent(Json, typeof(CampaignView)))],
        Problems = [ProblemCatalog.CampaignNotFound],
    };

    /// <summary><c>GET /api/r/{campaign}/{*path}</c>.</summary>
    public static readonly ApiOperation WebForm = ApiOperation.Of<WebFormApi>(
        nameof(WebForm), "GET", Routes.WebForm, RouteClass.Anonymous,
        "A file of a campaign's web form (page, script, service worker, translations). The files hold no data: the form sends the link's credential with every API call.",
        (api, request, _) => Task.FromResult(api.Serve(request))) with
    {
        Responses =
        [
            new(200, "The file, with its media type, an ETag and a strict Content-Security-Policy.", new ApiContent("text/html")),
            new(304, "The file has not changed since the ETag in If-None-Match."),
            new(308, "/api/r/{campaign} without its trailing slash: Location names /api/r/{campaign}/."),
        ],
        Problems = [ProblemCatalog.RouteNotFound],
    };

    /// <summary><c>GET /api/campaign</c>.</summary>
    public static readonly ApiOperation GetCampaign = ApiOperation.Of<WebFormApi>(
        nameof(GetCampaign), "GET", Routes.Campaign, RouteClass.Campaign,
        "What the web form needs to know about the calling link's campaign: its languages, regions and the box around them, where the map opens (never its name). Refused once the campaign is closed or expired.",
        (api, request, _) => Task.FromResult(api.Campaign(request))) with
    {
        Responses = [new(200, "The campaign.", new ApiContent(Json, typeof(WebFormCampaign)))],
    };

    /// <summary><c>POST /api/campaign/reports</c>.</summary>
    public static readonly ApiOperation SubmitCampaignReport = ApiOperation.Of<WebFormApi>(
        nameof(SubmitCampaignReport), "POST", Routes.CampaignReports, RouteClass.Campaign,
        "Submit a report from the web form: multipart/form-data with a 'report' part (the JSON report of POST /api/reports) and up to three photos (checked like OpenRosa attachments). A resend of the same report is a success that stores nothing new.",
        (api, request, ct) => api.SubmitAsync(request, ct)) with
    {
        Body = new ApiContent("multipart/form-data"),
        Responses =
        [
            new(202, "Received: stored, indexed and queued, marked with the campaign.", new ApiContent(Json, typeof(ReportAcknowledgement))),
            new(200, "A resend of a report already received: nothing new was stored.", new ApiContent(Json, typeof(ReportAcknowledgement))),
        ],
        Problems =
        [
            ProblemCatalog.MalformedMultipart, ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.ValidationFailed,
            ProblemCatalog.SubmissionConflict, ProblemCatalog.InvalidAttachmentName, ProblemCatalog.AttachmentTooLarge,
            ProblemCatalog.AttachmentTypeNotAllowed, ProblemCatalog.AttachmentTypeMismatch, ProblemCatalog.CampaignQuotaExceeded,
        ],
    };

    private static IEnumerable<ApiOperation> CampaignsGroup => [AdminListCampaigns, AdminCreateCampaign, AdminCloseCampaign, WebForm, GetCampaign, SubmitCampaignReport];
}
