using Intake.Core.Problems;
using Intake.Core.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// An HTTP answer both hosts can return as it is: an <see cref="IResult"/> for the self-host's
/// minimal APIs and an <see cref="IActionResult"/> for Azure Functions' ASP.NET Core
/// integration. The body is serialised when the answer is made, so tests can read it.
/// </summary>
public sealed class ApiAnswer : IResult, IActionResult
{
    // Relaxed escaping: the bodies are JSON documents, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Func<HttpContext, Stream, CancellationToken, Task>? _streamBody;

    private ApiAnswer(int statusCode, string? contentType, byte[] body, Func<HttpContext, Stream, CancellationToken, Task>? streamBody = null)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        _streamBody = streamBody;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The media type of <see cref="Body"/>, if any.</summary>
    public string? ContentType { get; }

    /// <summary>The body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>Extra response headers.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON answer.</summary>
    public static ApiAnswer JsonBody<T>(int statusCode, T value) =>
        new(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, Json));

    /// <summary>Raw bytes with a media type.</summary>
    public static ApiAnswer Bytes(int statusCode, string contentType, byte[] body) => new(statusCode, contentType, body);

    /// <summary>
    /// An answer whose body is written while it is sent (exports), so it never sits in memory whole.
    /// <see cref="Body"/> is empty. If writing fails after the first bytes went out, the connection is
    /// aborted, so the client sees a broken transfer rather than a complete-looking, truncated body.
    /// </summary>
    public static ApiAnswer Streamed(int statusCode, string contentType, Func<HttpContext, Stream, CancellationToken, Task> writeBody)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        return new(statusCode, contentType, [], writeBody);
    }

    /// <summary>True when the body is written as it is sent (<see cref="Streamed"/>).</summary>
    public bool IsStreamed => _streamBody is not null;

    /// <summary>An empty answer (204).</summary>
    public static ApiAnswer NoContent() => new(204, null, []);
    /// <summary>An answer without a body, such as 204.</summary>
    public static ApiAnswer Empty(int statusCode) => new(statusCode, null, []);

    /// <summary>An RFC 9457 problem details answer from the catalogue.</summary>
    /// <param name="problem">The catalogue entry (type, title, status, code).</param>
    /// <param name="detail">What went wrong with this request; never a submitted value.</param>
    /// <param name="errors">The fields at fault, if any.</param>
    /// <param name="correlationId">For unexpected failures: the id under which the host logged the error.</param>
    public static ApiAnswer FromProblem(Problem problem, string detail, IReadOnlyList<FieldError>? errors = null, string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var body = new ProblemBody(
            problem.Type,
            problem.Title,
            problem.Status,
            detail,
            problem.Code,
            errors?.Select(e => new ProblemFieldError(e.Field, e.Pointer, e.Detail)).ToList(),
            correlationId);
        return new ApiAnswer(problem.Status, "application/problem+json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(body, Json));
    }

    /// <summary>Adds a header and returns the same answer.</summary>
    public ApiAnswer WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    /// <summary>Sets <c>Retry-After</c> to <paramref name="wait"/> in whole seconds, at least one.</summary>
    public ApiAnswer WithRetryAfter(TimeSpan wait) =>
        WithHeader(HeaderNames.RetryAfter, ApiFailures.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        // 204 and 304 carry no body, not even a Content-Length (OpenRosa's HEAD answers 204).
        if (StatusCode is 204 or 304)
        {
            return;
        }

        if (_streamBody is not null)
        {
            await StreamAsync(httpContext, _streamBody).ConfigureAwait(false);
            return;
        }

        response.ContentLength = Body.Length;
        await response.Body.WriteAsync(Body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext httpContext, Func<HttpContext, Stream, CancellationToken, Task> streamBody)
    {
        try
        {
            await streamBody(httpContext, httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
            await httpContext.Response.Body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (httpContext.Response.HasStarted)
        {
            // Too late for a problem answer: end the connection without the final chunk, so no client takes a cut-off body for the whole.
            httpContext.Abort();
            throw;
        }
    }

    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }

    private sealed record ProblemBody(
        string Type,
        string Title,
        int Status,
        string Detail,
        string Code,
        IReadOnlyList<ProblemFieldError>? Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CorrelationId);

    private sealed record ProblemFieldError(string Field, string Pointer, string Detail);
}
