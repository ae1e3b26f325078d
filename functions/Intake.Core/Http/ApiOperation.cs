using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Problems;

namespace Intake.Core.Http;

/// <summary>
/// One operation of the HTTP contract: its method, route, access class, handler, request and
/// response types and problems, declared once in <see cref="ApiOperations"/>. Both hosts map
/// their routes from it, the access gate classifies by it, the CLI and <c>Location</c> headers
/// build paths from it, and the OpenAPI document is written from it.
/// </summary>
public sealed record ApiOperation
{
    /// <summary>The route prefix of every operation.</summary>
    public const string PathPrefix = "/api/";

    /// <summary>Function name in Azure Functions, endpoint name in the self-host, <c>operationId</c> in OpenAPI.</summary>
    public required string Name { get; init; }

    /// <summary>The HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>The route template relative to <c>/api/</c> (a constant of <see cref="Routes"/>).</summary>
    public required string Route { get; init; }

    /// <summary>Who may call it.</summary>
    public required RouteClass Access { get; init; }

    /// <summary>The API it belongs to (an OpenAPI tag, and the Functions class that hosts it).</summary>
    public required string Tag { get; init; }

    /// <summary>One line on what it does.</summary>
    public required string Summary { get; init; }

    /// <summary>The request body, if any.</summary>
    public ApiContent? Body { get; init; }

    /// <summary>Query parameters it reads.</summary>
    public IReadOnlyList<ApiQueryParameter> Query { get; init; } = [];

    /// <summary>Successful answers.</summary>
    public IReadOnlyList<ApiResponse> Responses { get; init; } = [];

    /// <summary>The problems of this operation beyond the ones every operation of its class can give (see <see cref="AllProblems"/>).</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>
    /// True when the handler writes its own audit rows on success (exports, whose row count is known
    /// only after the last row is sent); refusals and failures are still audited by <see cref="Admin.AuditTrail"/>.
    /// </summary>
    public bool AuditsItself { get; init; }

    /// <summary>True for OpenRosa client routes: problems are answered as OpenRosa XML, and a path-token variant exists.</summary>
    public bool IsOpenRosa { get; init; }

    /// <summary>True when the credential is the <c>{token}</c> segment of the path.</summary>
    public bool HasPathToken => Route.StartsWith(Routes.KeyPrefix, StringComparison.Ordinal);

    /// <summary>The handler: resolves its API class from the services and answers the request.</summary>
    internal Func<IServiceProvider, HttpRequest, CancellationToken, Task<ApiAnswer>> Handler { get; init; } = (_, _, _) => throw new InvalidOperationException("The operation has no handler.");

    /// <summary>The names of the route parameters, in order (<c>{id}</c> gives <c>id</c>, a catch-all <c>{*path}</c> gives <c>path</c>).</summary>
    public IReadOnlyList<string> RouteParameters =>
        [.. Route.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].TrimStart('*'))];

    /// <summary>The route as an OpenAPI path template, relative to <c>/api</c>: a catch-all <c>{*path}</c> is written <c>{path}</c>.</summary>
    public string PathTemplate => "/" + Route.Replace("{*", "{", StringComparison.Ordinal);

    /// <summary>Every problem the operation can answer: its own, those of its access class, and the ones any operation can give.</summary>
    public IReadOnlyList<Problem> AllProblems
    {
        get
        {
            var all = new List<Problem>(Problems);
            if (Access != RouteClass.Anonymous)
            {
                all.Add(ProblemCatalog.CredentialRequired);
                all.Add(ProblemCatalog.CredentialInvalid);
                all.Add(ProblemCatalog.RoleRequired);
                all.Add(ProblemCatalog.RateLimited);
            }

            all.Add(ProblemCatalog.StorageUnavailable);
            all.Add(ProblemCatalog.InternalError);
            return [.. all.Distinct()];
        }
    }

    /// <summary>Declares an operation whose handler is a method of the API class <typeparamref name="TApi"/>.</summary>
    internal static ApiOperation Of<TApi>(
        string name, string method, string route, RouteClass access, string summary,
        Func<TApi, HttpRequest, CancellationToken, Task<ApiAnswer>> handler)
        where TApi : notnull => new()
        {
            Name = name,
            Method = method,
            Route = route,
            Access = access,
            Tag = TagOf(typeof(TApi)),
            Summary = summary,
            Handler = (services, request, ct) => handler(services.GetRequiredService<TApi>(), request, ct),
        };

    /// <summary>The same operation under <c>key/{token}/</c>, for OpenRosa clients that cannot send headers.</summary>
    internal ApiOperation WithPathToken() => this with
    {
        Name = "Keyed" + Name,
        Route = Routes.KeyPrefix + Route,
        Access = RouteClass.Submitter,
        Summary = Summary + " The submitter token is the {token} path segment.",
    };

    /// <summary>Runs the handler.</summary>
    public Task<ApiAnswer> InvokeAsync(IServiceProvider services, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        return Handler(services, request, cancellationToken);
    }

    /// <summary>The absolute path of this operation (<c>/api/reports/{id}</c> with <c>id</c> filled in), escaped.</summary>
    /// <param name="values">The route parameters' values, in the order of <see cref="RouteParameters"/>.</param>
    /// <exception cref="ArgumentException">The number of values differs from the number of parameters.</exception>
    public string PathFor(params object[] values) => PathPrefix + RelativePathFor(values);

    /// <summary>The path relative to <c>/api/</c>, as a client with a base address of <c>.../api/</c> uses it.</summary>
    /// <exception cref="ArgumentException">The number of values differs from the number of parameters.</exception>
    public string RelativePathFor(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != RouteParameters.Count)
        {
            throw new ArgumentException($"{Name} takes {RouteParameters.Count} route value(s).", nameof(values));
        }

        var path = new StringBuilder();
        var next = 0;
        foreach (var segment in Route.Split('/'))
        {
            path.Append(path.Length > 0 ? "/" : "");
            path.Append(segment.StartsWith('{') ? Uri.EscapeDataString(Format(values[next++])) : segment);
        }

        return path.ToString();
    }

    private static string Format(object value) => value switch
    {
        Guid id => id.ToString("D"),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string TagOf(Type api) => api.Name.EndsWith("Api", StringComparison.Ordinal) ? api.Name[..^3] : api.Name;
}
