using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Intake.Cli;

/// <summary>The admin HTTP API, as the CLI calls it; the same against the self-host and Azure.</summary>
public sealed class IntakeApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client for <paramref name="endpoint"/> (with or without a trailing <c>/api</c>) sending <paramref name="token"/>.</summary>
    public IntakeApiClient(Uri endpoint, string? token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var root = endpoint.ToString().TrimEnd('/');
        if (root.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^4];
        }

        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri(root + "/api/");
        _http.Timeout = TimeSpan.FromMinutes(5);
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    /// <summary>An absolute URL for a path the API answered with (such as a campaign's link).</summary>
    public Uri Absolute(string path) => new(_http.BaseAddress!, path);

    /// <summary>GET a JSON document.</summary>
    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), cancellationToken);

    /// <summary>GET a document as text, whatever its media type (markdown, HTML, JSON).</summary>
    public Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        SendForTextAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), cancellationToken);

    /// <summary>POST a JSON body (or none) and read the JSON answer.</summary>
    public Task<JsonNode> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) }, cancellationToken);

    /// <summary>DELETE and read the JSON answer.</summary>
    public Task<JsonNode> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative)), cancellationToken);

    /// <summary>
    /// GET a body into <paramref name="destination"/> as it arrives, reporting the bytes received so far.
    /// Returns the byte count. A problem answer or a connection that breaks off is a <see cref="CliException"/>.
    /// </summary>
    public async Task<long> DownloadAsync(string path, Stream destination, Action<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(progress);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        HttpResponseMessage response;
        try
        {
            // Headers first: the body is read as it streams, never buffered whole.
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Cannot reach {_http.BaseAddress}: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(Describe(response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var buffer = new byte[64 * 1024];
                long total = 0;
                try
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        total += read;
                        progress(total);
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new CliException($"The export broke off after {total:N0} bytes ({e.Message}); nothing was written.");
                }

                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                return total;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = await SendForTextAsync(request, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text) ?? new JsonObject();
    }

    private async Task<string> SendForTextAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"Cannot reach {_http.BaseAddress}: {e.Message}");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException(Describe(response, text));
                }

                return text;
            }
        }
    }

    private static string Describe(HttpResponseMessage response, string text)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var problem = JsonNode.Parse(text);
            var detail = (string?)problem?["detail"] ?? (string?)problem?["title"];
            var hint = (int)response.StatusCode switch
            {
                401 => " Set --token or INTAKE_TOKEN to an admin token.",
                403 => " The token is not an admin token.",
                _ => "",
            };
            // Field errors say which input was wrong ("date: Must be yyyy-MM-dd."); the detail alone often only points at them.
            var fields = problem?["errors"] is JsonArray errors
                ? string.Concat(errors.OfType<JsonObject>().Select(e => $"{Environment.NewLine}  {(string?)e["field"]}: {(string?)e["detail"]}"))
                : "";
            return detail is null ? status : $"{status}: {detail}{hint}{fields}";
        }
        catch (System.Text.Json.JsonException)
        {
            return status;
        }
    }
}
