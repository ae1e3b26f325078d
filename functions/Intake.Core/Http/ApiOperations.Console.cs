using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Configuration;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>GET /api/console/{*path}</c>.</summary>
    public static readonly ApiOperation Console = ApiOperation.Of<ConsoleApi>(
        nameof(Console), "GET", Routes.Console, RouteClass.Anonymous,
        "A file of the web console (HTML, CSS, JavaScript modules and the map data it ships with). The files hold no data: every API call the console makes sends the signed-in admin token.",
        (api, request, _) => Task.FromResult(api.Serve(request))) with
    {
        Responses =
        [
            new(200, "The file, with its media type, an ETag and a strict Content-Security-Policy.", new ApiContent("text/html")),
            new(304, "The file has not changed since the ETag in If-None-Match."),
            new(308, "/api/console without its trailing slash: Location names /api/console/."),
        ],
        Problems = [ProblemCatalog.RouteNotFound],
    };

    /// <summary><c>GET /api/console/settings.json</c>.</summary>
    public static readonly ApiOperation ConsoleSettings = ApiOperation.Of<ConsoleApi>(
        nameof(ConsoleSettings), "GET", Routes.ConsoleSettings, RouteClass.Anonymous,
        "The web console's settings, from the host's configuration (Intake:Console): Entra ID sign-in (client id, authority, API scopes) when configured, and the map's tile layer when configured; null for each that is off. No secret.",
        (api, _, _) => Task.FromResult(api.Settings())) with
    {
        Responses = [new(200, "The settings.", new ApiContent(Json, typeof(Intake.Core.WebConsole.ConsoleSettings)))],
    };

    /// <summary><c>GET /api/admin/incidents</c>.</summary>
    public static readonly ApiOperation AdminIncidents = ApiOperation.Of<ConsoleApi>(
        nameof(AdminIncidents), "GET", Routes.AdminIncidents, RouteClass.Admin,
        "The processed reports received in a range of days, as points for a map: category, severity, day of occurrence, area and coordinates rounded to about a kilometre. Never narrative, reporter or contact.",
        (api, request, ct) => api.IncidentsAsync(request, ct)) with
    {
        Query =
        [
            new("from", $"First UTC day of receipt (default: {IncidentMap.DefaultDays - 1} days before to; at most {IncidentMap.MaxDays} days in all).", Format: "date"),
            new("to", "Last UTC day of receipt (default: today).", Format: "date"),
            new("max", $"At most this many points (1 to {IncidentMap.MaxRows}; default {IncidentMap.DefaultMax}).", Type: "integer"),
        ],
        Responses = [new(200, "The points, newest day of receipt first.", new ApiContent(Json, typeof(IncidentMapPage)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    private static IEnumerable<ApiOperation> ConsoleGroup => [Console, ConsoleSettings, AdminIncidents];
}
