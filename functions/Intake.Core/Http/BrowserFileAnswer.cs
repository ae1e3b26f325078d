using Intake.Core.Problems;
using Intake.Core.WebConsole;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// How the browser apps (the console, the web form) serve their embedded files: the folder URL
/// redirected to end in a slash, an ETag with 304 when it matches, and the security headers.
/// </summary>
internal static class BrowserFileAnswer
{
    /// <summary>The answer for the file at the request's <c>path</c> route value; a 404 problem with <paramref name="notFoundDetail"/> when there is none.</summary>
    public static ApiAnswer Serve(HttpRequest request, Func<string, ConsoleFile?> find, string contentSecurityPolicy, string notFoundDetail)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Route("path");
        if (path.Length == 0 && !(request.Path.Value ?? "").EndsWith('/'))
        {
            // Relative links (and a service worker's scope) resolve against the folder: /api/console must
            // become /api/console/ (the browser keeps a fragment across the redirect).
            return ApiAnswer.Empty(StatusCodes.Status308PermanentRedirect)
                .WithHeader(HeaderNames.Location, $"{request.PathBase}{request.Path}/");
        }

        if (find(path) is not { } file)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.RouteNotFound, notFoundDetail);
        }

        var answer = request.Headers.IfNoneMatch.Contains(file.ETag)
            ? ApiAnswer.Empty(StatusCodes.Status304NotModified)
            : ApiAnswer.Bytes(StatusCodes.Status200OK, file.ContentType, file.Body);
        return answer
            .WithHeader(HeaderNames.ETag, file.ETag)
            // The files are not fingerprinted: the browser keeps them but asks each time (a 304 is cheap).
            .WithHeader(HeaderNames.CacheControl, "no-cache")
            .WithHeader(HeaderNames.ContentSecurityPolicy, contentSecurityPolicy)
            .WithHeader(HeaderNames.XContentTypeOptions, "nosniff")
            .WithHeader("Referrer-Policy", "no-referrer")
            .WithHeader("Cross-Origin-Opener-Policy", "same-origin");
    }
}
