using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    private static readonly ApiQueryParameter DigestFormat = new("format", "json (default), md or html.");

    /// <summary><c>GET /api/digests/{date}</c>.</summary>
    public static readonly ApiOperation GetDigest = ApiOperation.Of<DigestApi>(
        nameof(GetDigest), "GET", Routes.Digest, RouteClass.Admin,
        "The stored situation digest of a UTC day.",
        (api, request, ct) => api.GetAsync(request.Route("date"), request.QueryValue("format"), ct)) with
    {
        Query = [DigestFormat],
        Responses = [DigestAnswer],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.DigestNotFound],
    };

    /// <summary><c>GET /api/digests/latest</c>.</summary>
    public static readonly ApiOperation GetLatestDigest = ApiOperation.Of<DigestApi>(
        nameof(GetLatestDigest), "GET", Routes.LatestDigest, RouteClass.Admin,
        "The most recent stored situation digest.",
        (api, request, ct) => api.GetLatestAsync(request.QueryValue("format"), ct)) with
    {
        Query = [DigestFormat],
        Responses = [DigestAnswer],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.DigestNotFound],
    };

    /// <summary><c>GET /api/digests</c>.</summary>
    public static readonly ApiOperation ListDigestDays = ApiOperation.Of<DigestApi>(
        nameof(ListDigestDays), "GET", Routes.Digests, RouteClass.Admin,
        "The UTC days that have a stored digest, newest first (the archive's index; each day is read with GET /api/digests/{date}).",
        (api, request, ct) => api.ListDaysAsync(request.QueryValue("before"), request.QueryValue("max"), ct)) with
    {
        Query =
        [
            new("before", "Only days before this one (the previous page's before); default: every day.", Format: "date"),
            new("max", $"At most this many days (1 to {DigestApi.MaxListedDays}; default {DigestApi.DefaultListedDays}).", Type: "integer"),
        ],
        Responses = [new(200, $"The days, newest first; looked for back to {DigestArchive.ListYears} years before the latest digest.", new ApiContent(Json, typeof(DigestDayList)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>GET /api/admin/subscribers</c>.</summary>
    public static readonly ApiOperation ListSubscribers = ApiOperation.Of<DigestApi>(
        nameof(ListSubscribers), "GET", Routes.Subscribers, RouteClass.Admin,
        "The digest's subscribers.",
        (api, _, ct) => api.ListSubscribersAsync(ct)) with
    {
        Responses = [new(200, "Every subscriber.", new ApiContent(Json, typeof(IReadOnlyList<Subscriber>)))],
    };

    /// <summary><c>POST /api/admin/subscribers</c>.</summary>
    public static readonly ApiOperation AddSubscriber = ApiOperation.Of<DigestApi>(
        nameof(AddSubscriber), "POST", Routes.Subscribers, RouteClass.Admin,
        "Adds a subscriber to the digest of some regions.",
        (api, request, ct) => api.AddSubscriberAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(SubscriberRequest)),
        Responses = [new(201, "Added; Location names it.", new ApiContent(Json, typeof(Subscriber)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.ValidationFailed],
    };

    /// <summary><c>DELETE /api/admin/subscribers/{id}</c>.</summary>
    public static readonly ApiOperation RemoveSubscriber = ApiOperation.Of<DigestApi>(
        nameof(RemoveSubscriber), "DELETE", Routes.Subscriber, RouteClass.Admin,
        "Removes a subscriber.",
        (api, request, ct) => api.RemoveSubscriberAsync(request.Route("id"), ct)) with
    {
        Responses = [new(204, "Removed.")],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.SubscriberNotFound],
    };

    /// <summary><c>POST /api/admin/digests/{date}/compile</c>.</summary>
    public static readonly ApiOperation CompileDigest = ApiOperation.Of<DigestApi>(
        nameof(CompileDigest), "POST", Routes.CompileDigest, RouteClass.Admin,
        "Compiles (or recompiles) a day's digest now; the same cells give the same digest.",
        (api, request, ct) => api.CompileAsync(request.Route("date"), ct)) with
    {
        Responses = [new(200, "The compiled digest; Location names where it is stored.", new ApiContent(Json, typeof(SituationDigest)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>POST /api/admin/digests/{date}/send</c>.</summary>
    public static readonly ApiOperation SendDigest = ApiOperation.Of<DigestApi>(
        nameof(SendDigest), "POST", Routes.SendDigest, RouteClass.Admin,
        "E-mails a compiled digest to its subscribers, once each unless forced.",
        (api, request, ct) => api.SendAsync(request.Route("date"), request.QueryValue("force"), request.QueryValue("subscriber"), ct)) with
    {
        Query = [new("force", "true sends again to subscribers who already had it.", "boolean"), new("subscriber", "Only this subscriber (UUID).", Format: "uuid")],
        Responses = [new(200, "What happened to each delivery.", new ApiContent(Json, typeof(DigestSendResult)))],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.SubscriberNotFound, ProblemCatalog.DigestNotFound],
    };

    private static ApiResponse DigestAnswer => new(200, "The digest as JSON, Markdown or HTML (X-Intake-Digest-Day names the day).", new ApiContent(Json, typeof(SituationDigest)));

    private static IEnumerable<ApiOperation> DigestsGroup =>
        [GetDigest, GetLatestDigest, ListDigestDays, ListSubscribers, AddSubscriber, RemoveSubscriber, CompileDigest, SendDigest];
}
