using Intake.Core.Configuration;

namespace Intake.Core.Access;

/// <summary>
/// The route classes, decided from the route template (relative to <c>/api</c>) that both hosts
/// declare for a route. Lists name what is open; anything else needs an admin credential, so a
/// route added without thought is closed rather than open.
/// </summary>
public static class RouteAccess
{
    /// <summary>The route value that carries a submitter token in the path (<c>key/{token}/...</c>).</summary>
    public const string TokenRouteValue = "token";

    /// <summary>The prefix of the path-token variants of submitter routes, for clients that cannot set headers.</summary>
    public const string PathTokenPrefix = Routes.KeyPrefix;

    private static readonly HashSet<string> AnonymousRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        Routes.Health,
        Routes.ReportSchema,
        Routes.OpenRosaFormList,
        Routes.OpenRosaForm,
    };

    private static readonly HashSet<string> SubmitterRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        Routes.Reports,
        Routes.Report,
        Routes.OpenRosaSubmission,
    };

    /// <summary>The class of a route template such as <c>reports/{id}</c>; null or unknown means <see cref="RouteClass.Admin"/>.</summary>
    public static RouteClass Classify(string? routeTemplate)
    {
        var template = Normalise(routeTemplate);
        if (template is null)
        {
            return RouteClass.Admin;
        }

        if (template.StartsWith(PathTokenPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // The token in the path is the credential; only OpenRosa client routes take one.
            return template.StartsWith(PathTokenPrefix + "openrosa/", StringComparison.OrdinalIgnoreCase) ? RouteClass.Submitter : RouteClass.Admin;
        }

        if (AnonymousRoutes.Contains(template))
        {
            return RouteClass.Anonymous;
        }

        return SubmitterRoutes.Contains(template) ? RouteClass.Submitter : RouteClass.Admin;
    }

    /// <summary>True when the route takes its credential from the path.</summary>
    public static bool HasPathToken(string? routeTemplate) =>
        Normalise(routeTemplate)?.StartsWith(PathTokenPrefix, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The template without a leading slash or <c>api/</c> prefix (the self-host's patterns
    /// carry the group prefix; the Functions routes do not).
    /// </summary>
    public static string? Normalise(string? routeTemplate)
    {
        if (string.IsNullOrWhiteSpace(routeTemplate))
        {
            return null;
        }

        var template = routeTemplate.TrimStart('/');
        return template.StartsWith("api/", StringComparison.OrdinalIgnoreCase) ? template[4..] : template;
    }
}
