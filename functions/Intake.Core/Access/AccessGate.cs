using System.Security.Claims;
using Intake.Core.Http;
using Intake.Core.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Access;

/// <summary>
/// The one authorization check both hosts run before every HTTP route: the self-host from an
/// ASP.NET Core middleware, the Functions app from a worker middleware. Reads the credential
/// (an <c>Authorization: Bearer</c> header, or the <c>token</c> route value of
/// <c>key/{token}/...</c> routes), verifies it against storage on every request (so a revoked
/// token fails at once) or, when configured, as an Entra ID JWT, and checks the route class.
/// </summary>
public sealed partial class AccessGate(
    AccessTokenStore tokens,
    EntraAdminSettings entra,
    IServiceProvider services,
    ILogger<AccessGate> logger)
{
    private const string Challenge = "Bearer realm=\"intake\"";

    /// <summary>The challenge on OpenRosa routes, which OpenRosa clients answer with a user name and password.</summary>
    public const string BasicChallenge = "Basic realm=\"Intake\", charset=\"UTF-8\"";

    private static readonly object WrongCredentialKey = new();

    /// <summary>
    /// True when the request presented a credential and the gate found it wrong (unknown, revoked,
    /// malformed): what the per-address limit of failed credentials counts. A request without any
    /// credential is not counted: OpenRosa clients ask without one first, and are then challenged.
    /// </summary>
    public static bool PresentedWrongCredential(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Items.ContainsKey(WrongCredentialKey);
    }

    /// <summary>
    /// Checks the request against the route's class. Returns null when it may proceed (the
    /// verified <see cref="Caller"/> is then attached to the request), or the 401/403/503 answer.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="operation">The matched operation; null when none matched, which is treated as admin (fail closed).</param>
    /// <param name="cancellationToken">Cancels the storage lookup.</param>
    /// <exception cref="Azure.RequestFailedException">Storage could not verify the token; the host answers 503 (<see cref="ApiFailures"/>).</exception>
    public async Task<ApiAnswer?> AuthorizeAsync(HttpContext httpContext, ApiOperation? operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var routeClass = operation?.Access ?? RouteClass.Admin;
        if (routeClass == RouteClass.Anonymous)
        {
            return null;
        }

        var routeTemplate = operation?.Route;
        // OpenRosa clients (ODK Collect, KoboCollect, Enketo) keep a user name and password: they are
        // asked for them with a Basic challenge, and the password is the submitter token.
        var basicAllowed = operation is { IsOpenRosa: true, HasPathToken: false };
        var challenge = basicAllowed ? BasicChallenge : Challenge;
        string? credential;
        if (operation?.HasPathToken == true)
        {
            credential = PathToken(httpContext.Request.Path, operation.Route);
        }
        else if (basicAllowed && BasicPassword(httpContext.Request) is { } password)
        {
            if (!httpContext.Request.IsHttps && !IsLoopback(httpContext))
            {
                LogBasicOverPlainHttp(RouteAccess.Normalise(routeTemplate) ?? "(none)");
                return Deny(ProblemCatalog.CredentialRequired, "HTTP Basic credentials are accepted only over HTTPS: use the https:// address of the server.", challenge, routeTemplate);
            }

            credential = password;
        }
        else
        {
            credential = BearerToken(httpContext.Request);
        }

        if (string.IsNullOrEmpty(credential))
        {
            return Deny(
                ProblemCatalog.CredentialRequired,
                basicAllowed ? "Send the submitter token as the password of HTTP Basic authentication (any user name), or in an 'Authorization: Bearer' header." : "Send a token in an 'Authorization: Bearer' header.",
                challenge,
                routeTemplate);
        }

        var caller = await VerifyAsync(httpContext, credential, cancellationToken).ConfigureAwait(false);

        if (caller is null)
        {
            httpContext.Items[WrongCredentialKey] = true;
            return Deny(ProblemCatalog.CredentialInvalid, "The token is unknown, malformed, expired or revoked.", basicAllowed ? BasicChallenge : Challenge + ", error=\"invalid_token\"", routeTemplate);
        }

        caller.AttachTo(httpContext);
        var allowed = caller.Kind == CallerKind.Admin
            || (routeClass == RouteClass.Submitter && caller.Kind == CallerKind.Submitter)
            || (routeClass == RouteClass.Partner && caller.Kind == CallerKind.Partner)
            || (routeClass == RouteClass.Campaign && caller.Kind == CallerKind.Campaign);
        if (!allowed)
        {
            var route = RouteAccess.Normalise(routeTemplate) ?? "(none)";
            LogForbidden(caller.Id, route);
            return ApiAnswer.FromProblem(
                ProblemCatalog.RoleRequired,
                routeClass switch
                {
                    RouteClass.Admin => "This route needs an admin credential.",
                    RouteClass.Partner => "This route needs a partner token or an admin credential.",
                    RouteClass.Campaign => "This route needs a campaign link's token or an admin credential.",
                    _ => "This route needs a submitter token or an admin credential.",
                })
                .WithHeader(HeaderNames.WWWAuthenticate, Challenge + ", error=\"insufficient_scope\"");
        }

        return null;
    }

    private async Task<Caller?> VerifyAsync(HttpContext httpContext, string credential, CancellationToken cancellationToken)
    {
        if (AccessTokenStore.LooksLikeToken(credential))
        {
            var token = await tokens.VerifyAsync(credential, cancellationToken).ConfigureAwait(false);
            return token is null ? null : new Caller(token.Id, token.Kind, token.Name) { Regions = token.Regions, Campaign = token.Campaign };
        }

        if (!entra.Enabled)
        {
            return null;
        }

        // The Functions worker runs no ASP.NET Core authentication middleware, so the JwtBearer
        // handler (configured by Microsoft.Identity.Web) is invoked here, the same in both hosts.
        AuthenticateResult result;
        if (httpContext.RequestServices is null)
        {
            // A request without a scope (a direct invocation): the handler is scoped, so give it one.
            await using var scope = services.CreateAsyncScope();
            httpContext.RequestServices = scope.ServiceProvider;
            result = await AuthenticateJwtAsync(httpContext).ConfigureAwait(false);
            httpContext.RequestServices = null!;
        }
        else
        {
            result = await AuthenticateJwtAsync(httpContext).ConfigureAwait(false);
        }

        if (!result.Succeeded || result.Principal is null)
        {
            return null;
        }

        var principal = result.Principal;
        // Signed by Entra is not enough: only the organisation's own tenant (or the listed ones).
        var tenant = principal.FindFirstValue("tid") ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/tenantid");
        if (tenant is null || !entra.Tenants.Contains(tenant))
        {
            LogForeignTenant(tenant ?? "(none)");
            return null;
        }

        // Microsoft.Identity.Web's readers know both the short and the mapped claim names.
        var id = principal.GetObjectId() ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("azp") ?? id;
        var isAdmin = principal.Claims.Any(c => c.Type is "roles" or ClaimTypes.Role && c.Value == EntraAdminSettings.AdminRole);
        return new Caller($"entra:{id}", isAdmin ? CallerKind.Admin : CallerKind.NoRole, name);
    }

    private static Task<AuthenticateResult> AuthenticateJwtAsync(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<IAuthenticationService>().AuthenticateAsync(httpContext, JwtBearerDefaults.AuthenticationScheme);

    private ApiAnswer Deny(Problem problem, string detail, string challenge, string? routeTemplate)
    {
        var route = RouteAccess.Normalise(routeTemplate) ?? "(none)";
        LogDenied(problem.Code, route);
        return ApiAnswer.FromProblem(problem, detail).WithHeader(HeaderNames.WWWAuthenticate, challenge);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    /// <summary>The password of an <c>Authorization: Basic</c> header (the user name is not used), or null.</summary>
    private static string? BasicPassword(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // A client on this machine (the self-host behind a local reverse proxy, or the Functions host
    // forwarding to its worker, where the platform's HTTPS-only setting guards the outside).
    private static bool IsLoopback(HttpContext httpContext) =>
        httpContext.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address);

    /// <summary>The path segment that stands where the template has <c>{token}</c>.</summary>
    private static string? PathToken(PathString path, string routeTemplate)
    {
        var template = RouteAccess.Normalise(routeTemplate)!.Split('/');
        var index = Array.FindIndex(template, s => s.Equals("{" + RouteAccess.TokenRouteValue + "}", StringComparison.OrdinalIgnoreCase));
        var segments = RouteAccess.Normalise(path.Value)?.Split('/') ?? [];
        return index >= 0 && index < segments.Length ? Uri.UnescapeDataString(segments[index]) : null;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Refused a request to {Route}: {Problem}")]
    private partial void LogDenied(string problem, string route);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Caller {CallerId} is not an admin; refused {Route}")]
    private partial void LogForbidden(string callerId, string route);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Refused HTTP Basic credentials sent over plain HTTP to {Route}; the client should use https")]
    private partial void LogBasicOverPlainHttp(string route);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Refused an Entra ID token of tenant {TenantId}: not a tenant this deployment accepts")]
    private partial void LogForeignTenant(string tenantId);

}
