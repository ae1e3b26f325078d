using System.Text;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>A generated request to <c>POST /api/reports</c>: a body, a Content-Type and extra headers.</summary>
public sealed record HostileRequest(string Kind, byte[] Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Sends it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/reports", UriKind.Relative)) { Content = new ByteArrayContent(Body) };
        if (ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>A short description for a failure message (the body cut to 300 characters).</summary>
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "..." : h.Value)}"));
        return $"{Kind} | Content-Type: {ContentType ?? "(none)"} | {headers} | {Body.Length} bytes: {(text.Length > 300 ? text[..300] + "..." : text)}";
    }
}
