using Intake.Core.Admin;
using Intake.Core.WebConsole;

namespace Intake.Core.Http;

/// <summary>
/// The web console: its static files (anonymous; they hold no data) and the one read-only route
/// it needs that the rest of the API lacks, the incidents for the map (admin). Every other call
/// the console makes is a documented admin route, with the signed-in token.
/// </summary>
public sealed class ConsoleApi(ConsoleFiles files, IncidentMap incidents, TimeProvider time)
{
    /// <summary>
    /// What the browser may do with a console page: scripts, styles, images and API calls from
    /// this origin only (no inline script, no CDN, no tiles from elsewhere), never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// <c>GET /api/console/{*path}</c>: one file of the console, with its media type, an ETag
    /// (and 304 when it matches) and the security headers; 404 problem for a path that is not a file.
    /// </summary>
    public ApiAnswer Serve(HttpRequest request) =>
        BrowserFileAnswer.Serve(request, files.Find, ContentSecurityPolicy, "No such file in the console; it starts at /api/console/.");

    /// <summary>
    /// <c>GET /api/admin/incidents?from=&amp;to=&amp;max=</c>: the processed reports received in a range of
    /// days, as points for the map (category, severity, occurrence day, area and rounded coordinates;
    /// never narrative, reporter or contact).
    /// </summary>
    public async Task<ApiAnswer> IncidentsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (window, error) = DayWindow.Parse(request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), IncidentMap.DefaultDays, IncidentMap.MaxDays);
        if (window is null)
        {
            return AdminApi.Invalid(error.Field, error.Detail);
        }

        var max = IncidentMap.DefaultMax;
        if (request.QueryValue("max") is { } maxText && (!int.TryParse(maxText, System.Globalization.CultureInfo.InvariantCulture, out max) || max is < 1 or > IncidentMap.MaxRows))
        {
            return AdminApi.Invalid("max", $"Must be 1 to {IncidentMap.MaxRows}.");
        }

        var page = await incidents.ListAsync(window, max, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, new { window.From, window.To, max }, page.Items.Count);
        return ApiAnswer.JsonBody(200, page);
    }
}
