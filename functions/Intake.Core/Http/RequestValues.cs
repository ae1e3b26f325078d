namespace Intake.Core.Http;

/// <summary>Route and query values as the handlers of <see cref="ApiOperations"/> read them, the same in both hosts.</summary>
internal static class RequestValues
{
    /// <summary>A route value; empty when the route has none of that name.</summary>
    public static string Route(this HttpRequest request, string name) =>
        request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";

    /// <summary>A query value; null when absent.</summary>
    public static string? QueryValue(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) ? value.ToString() : null;
}
