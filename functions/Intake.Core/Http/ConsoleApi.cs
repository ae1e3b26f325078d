using Intake.Core.Admin;
using Intake.Core.WebConsole;

namespace Intake.Core.Http;

/// <summary>
/// The web console: its static files (anonymous; they hold no data) and the one read-only route
/// it needs that the rest of the API lacks, the incidents for the map (admin). Every other call
/// the console makes is a documented admin route, with the signed-in token.
/// </summary>
public sealed class ConsoleApi(ConsoleFiles files, IncidentMap incidents, IOptions<ConsoleOptions> options, TimeProvider time)
{
    private readonly ConsoleSettings _settings = ConsoleSettings.From(options.Value);

    /// <summary>
    /// What the browser may do with a console page: scripts, styles, images and API calls from
    /// this origin only (no inline script, no CDN), never framed; and only when configured, API
    /// calls to the Entra ID authority (MSAL.js reads its metadata and redeems the code there; the
    /// sign-in itself is a top-level navigation, which no directive governs) and images from the
    /// tile server's origin.
    /// </summary>
    public string ContentSecurityPolicy { get; } = PolicyFor(options.Value);

    /// <summary>The policy for these options: <c>'self'</c> plus the configured authority and tile origins, nothing else.</summary>
    public static string PolicyFor(ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connect = options.EntraEnabled ? $"'self' {ConsoleOptions.OriginOf(options.EntraAuthority!)}" : "'self'";
        var images = options.TilesEnabled ? $"'self' data: {ConsoleOptions.OriginOf(options.TileLayerUrl!)}" : "'self' data:";
        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; connect-src {connect}; " +
            "font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /// <summary>
    /// <c>GET /api/console/settings.json</c>: what the page needs before sign-in (Entra ID's client id,
    /// authority and scope; the tile layer), from configuration; no secret, so anonymous.
    /// </summary>
    public ApiAnswer Settings() =>
        ApiAnswer.JsonBody(200, _settings)
            .WithHeader(Microsoft.Net.Http.Headers.HeaderNames.CacheControl, "no-cache")
            .WithHeader(Microsoft.Net.Http.Headers.HeaderNames.XContentTypeOptions, "nosniff");

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
