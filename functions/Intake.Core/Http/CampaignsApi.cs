using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Campaigns;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// Campaigns (admin): a public link to the web form, with a submit-only token of its own. The
/// campaign is its token: its id is the token's id, closing it revokes the token (at once on this
/// instance, within <see cref="VerifiedTokenCache.Lifetime"/> on others), and it expires with it.
/// </summary>
public sealed class CampaignsApi(AccessTokenStore tokens, TimeProvider time)
{
    /// <summary>Default daily quota of a campaign.</summary>
    public const int DefaultDailyQuota = 500;

    /// <summary>Largest daily quota.</summary>
    public const int MaxDailyQuota = 100_000;

    /// <summary>Longest a campaign may run.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary><c>GET /api/admin/campaigns</c>: every campaign, closed and expired ones included, newest first.</summary>
    public async Task<ApiAnswer> ListAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var now = time.GetUtcNow();
        var list = new List<CampaignView>();
        await foreach (var token in tokens.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (token.Kind == CallerKind.Campaign)
            {
                list.Add(CampaignView.Of(token, now, FormPath(token.Id)));
            }
        }

        AuditNote.Attach(httpContext, null, list.Count);
        return ApiAnswer.JsonBody(200, list);
    }

    /// <summary><c>POST /api/admin/campaigns</c>: creates a campaign; the answer carries its link with the credential, once.</summary>
    public async Task<ApiAnswer> CreateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await AdminApi.ReadAsync<CampaignRequest>(request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return AdminApi.Invalid("name", "Required, at most 100 characters.");
        }

        // A campaign's regions are checked as a partner token's are.
        if (!PartnerRegions.TryParse(CallerKind.Partner, body.Regions, out var regions, out var regionError))
        {
            return AdminApi.Invalid("regions", regionError.Replace("A partner token", "A campaign", StringComparison.Ordinal));
        }

        if (!CampaignLanguages.TryParse(body.Languages, out var languages, out var languageError))
        {
            return AdminApi.Invalid("languages", languageError);
        }

        var now = time.GetUtcNow();
        if (body.ExpiresAt is not { } expiresAt || expiresAt <= now || expiresAt > now + MaxLifetime)
        {
            return AdminApi.Invalid("expiresAt", $"Required: a time in the future, at most {MaxLifetime.TotalDays} days ahead (ISO 8601 with an offset).");
        }

        var quota = body.DailyQuota ?? DefaultDailyQuota;
        if (quota is < 1 or > MaxDailyQuota)
        {
            return AdminApi.Invalid("dailyQuota", $"Must be 1 to {MaxDailyQuota}.");
        }

        var caller = Caller.Of(request.HttpContext)?.Id ?? "unknown";
        var issued = await tokens.CreateCampaignAsync(name, regions, new CampaignTerms(languages, quota), expiresAt, caller, cancellationToken).ConfigureAwait(false);
        var path = FormPath(issued.Token.Id);
        // The audit row names the campaign, never its credential.
        AuditNote.Attach(request.HttpContext, new { issued.Token.Id, name, regions, languages, expiresAt, dailyQuota = quota }, 1);
        return ApiAnswer.JsonBody(201, CampaignView.Of(issued.Token, now, path, $"{request.PathBase}{path}#{issued.Secret}"))
            .WithHeader(HeaderNames.CacheControl, "no-store");
    }

    /// <summary><c>POST /api/admin/campaigns/{id}/close</c>: closes a campaign; its link fails from the next request on.</summary>
    public async Task<ApiAnswer> CloseAsync(HttpContext httpContext, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var existing = await tokens.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is not { Kind: CallerKind.Campaign })
        {
            AuditNote.Attach(httpContext, new { id }, 0);
            return ApiAnswer.FromProblem(ProblemCatalog.CampaignNotFound, "No campaign has this id.", [new FieldError("id", "Unknown campaign id.")]);
        }

        var closed = await tokens.RevokeAsync(id, cancellationToken).ConfigureAwait(false) ?? existing;
        AuditNote.Attach(httpContext, new { id }, 1);
        return ApiAnswer.JsonBody(200, CampaignView.Of(closed, time.GetUtcNow(), FormPath(id)));
    }

    /// <summary>The form's path for a campaign, without its credential.</summary>
    public static string FormPath(string campaignId) => ApiOperations.WebForm.PathFor(campaignId, "");
}
