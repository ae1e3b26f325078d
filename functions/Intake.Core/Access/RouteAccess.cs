using Intake.Core.Configuration;
using Intake.Core.Http;

namespace Intake.Core.Access;

/// <summary>
/// Route classes by template, read from the contract (<see cref="ApiOperations"/>): a template
/// the contract does not declare needs an admin credential, so a route added without thought is
/// closed rather than open.
/// </summary>
internal static class RouteAccess
{
    /// <summary>The route value that carries a submitter token in the path (<c>key/{token}/...</c>).</summary>
    public const string TokenRouteValue = "token";

    /// <summary>The prefix of the path-token variants of submitter routes, for clients that cannot set headers.</summary>
    public const string PathTokenPrefix = Routes.KeyPrefix;

    /// <summary>The class of a route template such as <c>reports/{id}</c>; null or undeclared means <see cref="RouteClass.Admin"/>.</summary>
    public static RouteClass Classify(string? routeTemplate)
    {
        var template = Normalise(routeTemplate);
        return ApiOperations.All.FirstOrDefault(o => string.Equals(o.Route, template, StringComparison.OrdinalIgnoreCase))?.Access ?? RouteClass.Admin;
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
