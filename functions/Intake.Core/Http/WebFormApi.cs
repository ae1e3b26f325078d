using Intake.Core.Access;
using Intake.Core.Campaigns;
using Intake.Core.Configuration;
using Intake.Core.OpenRosa;
using Intake.Core.Places;
using Intake.Core.Problems;
using Intake.Core.Submissions;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The public web form of campaign links: its static files (anonymous; they hold no data), what
/// the form learns about its campaign, and the multipart submission. The last two need the
/// campaign's token, which the link carries in its fragment and the form sends as a bearer token.
/// </summary>
public sealed class WebFormApi(WebFormFiles files, WebFormIntake intake, Gazetteer gazetteer, IOptionsMonitor<OpenRosaOptions> limits, IOptionsMonitor<IntakeOptions> intakeOptions)
{
    /// <summary>
    /// What the browser may do with the form: everything from this origin only (no third-party
    /// request of any kind), photos shown from blob URLs, a service worker from this origin, never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary><c>GET /api/r/{campaign}/{*path}</c>: one file of the form, as the console serves its files.</summary>
    public ApiAnswer Serve(HttpRequest request) =>
        BrowserFileAnswer.Serve(request, files.Find, ContentSecurityPolicy, "No such file in the form.");

    /// <summary><c>GET /api/campaign</c>: the calling link's campaign: languages, regions and the box around them (never its name).</summary>
    public ApiAnswer Campaign(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Caller.Of(request.HttpContext) is not { Campaign: { } terms } caller)
        {
            return NotACampaign();
        }

        return ApiAnswer.JsonBody(200, new WebFormCampaign(caller.Id, terms.Languages, caller.Regions, gazetteer.BoundsOf(caller.Regions)))
            .WithHeader(HeaderNames.CacheControl, "no-store");
    }

    /// <summary>
    /// <c>POST /api/campaign/reports</c>: a report from the form, <c>multipart/form-data</c> with a
    /// <c>report</c> part (the JSON report) and up to three photo parts. Answered like <c>POST /api/reports</c>.
    /// </summary>
    public async Task<ApiAnswer> SubmitAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Caller.Of(request.HttpContext) is not { Campaign: not null } caller)
        {
            return NotACampaign();
        }

        var reading = await MultipartSubmission.ReadAsync(request, limits.CurrentValue, WebFormIntake.ReportPart, intakeOptions.CurrentValue.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (reading.Upload is not { } upload)
        {
            return ApiAnswer.FromProblem(reading.Problem!, reading.Detail);
        }

        var outcome = await intake.SubmitAsync(upload.Xml, upload.Files, caller, cancellationToken).ConfigureAwait(false);
        if (outcome.Problem is { } problem)
        {
            var refusal = ApiAnswer.FromProblem(problem, outcome.Detail, outcome.Errors);
            return outcome.RetryAfter is { } wait
                ? refusal.WithRetryAfter(wait)
                : refusal;
        }

        return ReportsApi.Answer(request, outcome.Submission!);
    }

    private static ApiAnswer NotACampaign() =>
        ApiAnswer.FromProblem(ProblemCatalog.RoleRequired, "Only a campaign link's token is answered here.");
}
