using Intake.Core.Access;

namespace Intake.Core.Http;

/// <summary>
/// The HTTP contract: every operation of the API, declared once (one partial file per API).
/// Adding a route is an entry here, a handler method on its API class, and one trigger line in
/// the Functions app; the self-host, the access gate, the OpenAPI document and the tests that
/// compare the hosts read this table.
/// </summary>
public static partial class ApiOperations
{
    private const string Json = "application/json";

    private static readonly Lazy<IReadOnlyList<ApiOperation>> Everything = new(() =>
    {
        IEnumerable<ApiOperation> declared = [.. ReportsGroup, .. HealthGroup, .. OpenRosaGroup, .. DigestsGroup, .. AlertsGroup, .. AdminGroup, .. PlacesGroup, .. ConsoleGroup, .. ExportsGroup, .. EncryptionGroup, .. CampaignsGroup];
        return [.. declared];
    });

    private static readonly Lazy<Dictionary<string, ApiOperation>> ByName =
        new(() => Everything.Value.ToDictionary(o => o.Name, StringComparer.Ordinal));

    /// <summary>Every operation, path-token variants of the OpenRosa routes included.</summary>
    public static IReadOnlyList<ApiOperation> All => Everything.Value;

    /// <summary>The operation of a function or endpoint name; null when there is none (then the route is treated as admin).</summary>
    public static ApiOperation? Find(string? name) =>
        name is not null && ByName.Value.TryGetValue(name, out var operation) ? operation : null;

    /// <summary>The operation for a method and route template (with or without <c>/api/</c>); null when none.</summary>
    public static ApiOperation? Find(string method, string? routeTemplate)
    {
        var route = RouteAccess.Normalise(routeTemplate);
        return route is null
            ? null
            : Everything.Value.FirstOrDefault(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase)
                && string.Equals(o.Route, route, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The operation of a name that must exist (for building paths).</summary>
    /// <exception cref="KeyNotFoundException">No operation has that name.</exception>
    public static ApiOperation Get(string name) => Find(name) ?? throw new KeyNotFoundException($"No API operation is named {name}.");
}
