using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Configuration;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>GET /api/admin/places/unresolved</c>.</summary>
    public static readonly ApiOperation AdminUnresolvedPlaces = ApiOperation.Of<PlacesApi>(
        nameof(AdminUnresolvedPlaces), "GET", Routes.AdminUnresolvedPlaces, RouteClass.Admin,
        "The admin1 names of processed reports that resolved to no subdivision, with counts and countries, most reported first.",
        (api, request, ct) => api.UnresolvedAsync(request, ct)) with
    {
        Query =
        [
            new("from", $"First UTC day of receipt (default: {PlaceAliasAdmin.DefaultDays - 1} days before to; at most {PlaceAliasAdmin.MaxListDays} days in all).", Format: "date"),
            new("to", "Last UTC day of receipt (default: today).", Format: "date"),
        ],
        Responses = [new(200, "The unresolved names.", new ApiContent(Json, typeof(UnresolvedPlacesPage)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>GET /api/admin/places/aliases</c>.</summary>
    public static readonly ApiOperation AdminListPlaceAliases = ApiOperation.Of<PlacesApi>(
        nameof(AdminListPlaceAliases), "GET", Routes.AdminPlaceAliases, RouteClass.Admin,
        "Every place alias admins added.",
        (api, request, ct) => api.ListAliasesAsync(request.HttpContext, ct)) with
    {
        Responses = [new(200, "The aliases.", new ApiContent(Json, typeof(IReadOnlyList<PlaceAliasView>)))],
    };

    /// <summary><c>POST /api/admin/places/aliases</c>.</summary>
    public static readonly ApiOperation AdminAddPlaceAlias = ApiOperation.Of<PlacesApi>(
        nameof(AdminAddPlaceAlias), "POST", Routes.AdminPlaceAliases, RouteClass.Admin,
        "Adds a place alias, applies it at once, and queues the reports it moves for a forced reprocess.",
        (api, request, ct) => api.AddAliasAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(PlaceAliasRequest)),
        Responses = [new(201, "The alias and the reports queued.", new ApiContent(Json, typeof(PlaceAliasChange)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.InvalidAlias, ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>DELETE /api/admin/places/aliases/{country}/{name}</c>.</summary>
    public static readonly ApiOperation AdminRemovePlaceAlias = ApiOperation.Of<PlacesApi>(
        nameof(AdminRemovePlaceAlias), "DELETE", Routes.AdminPlaceAlias, RouteClass.Admin,
        "Removes a place alias (name escaped as a path segment) and queues the reports it had resolved.",
        (api, request, ct) => api.RemoveAliasAsync(request, ct)) with
    {
        Query =
        [
            new("from", $"First UTC day of receipt searched (default: {PlaceAliasAdmin.DefaultDays - 1} days before to).", Format: "date"),
            new("to", "Last UTC day of receipt searched (default: today).", Format: "date"),
        ],
        Responses = [new(200, "The alias removed and the reports queued.", new ApiContent(Json, typeof(PlaceAliasChange)))],
        Problems = [ProblemCatalog.InvalidAlias, ProblemCatalog.AliasNotFound, ProblemCatalog.InvalidParameter],
    };

    private static IEnumerable<ApiOperation> PlacesGroup =>
        [AdminUnresolvedPlaces, AdminListPlaceAliases, AdminAddPlaceAlias, AdminRemovePlaceAlias];
}
