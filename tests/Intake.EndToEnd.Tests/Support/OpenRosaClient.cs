using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>What ODK Collect and Enketo do over HTTP: probe, list forms, post multipart submissions.</summary>
public static class OpenRosaClient
{
    public const string SubmissionPath = "/api/openrosa/submission";

    public static readonly XNamespace ResponseNs = "http://openrosa.org/http/response";

    public static readonly XNamespace FormListNs = "http://openrosa.org/xforms/xformsList";

    /// <summary>A multipart body as the clients build it: the XML part, then one part per file.</summary>
    public static MultipartFormDataContent Multipart(byte[] xml, params (string Name, string Type, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        var xmlPart = new ByteArrayContent(xml);
        xmlPart.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml");
        content.Add(xmlPart, "xml_submission_file", "submission.xml");
        foreach (var (name, type, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content.Add(part, name, name);
        }

        return content;
    }

    /// <summary>POSTs a submission with <c>X-OpenRosa-Version: 1.0</c> (unless told not to).</summary>
    public static async Task<HttpResponseMessage> SubmitOpenRosaAsync(this HttpClient client, HttpContent content, CancellationToken cancellationToken, string path = SubmissionPath, bool withVersion = true)
    {
        // Awaited inside the using: the request (and its content) must outlive the send.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (withVersion)
        {
            request.Headers.Add("X-OpenRosa-Version", "1.0");
        }

        return await client.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> SubmitOpenRosaAsync(this HttpClient client, byte[] xml, CancellationToken cancellationToken, params (string Name, string Type, byte[] Content)[] files) =>
        client.SubmitOpenRosaAsync(Multipart(xml, files), cancellationToken);

    public static async Task<HttpResponseMessage> OpenRosaAsync(this HttpClient client, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute));
        request.Headers.Add("X-OpenRosa-Version", "1.0");
        return await client.SendAsync(request, cancellationToken);
    }

    public static async Task<XDocument> ReadXmlAsync(this HttpResponseMessage response, CancellationToken cancellationToken) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));

    /// <summary>The message of an <c>OpenRosaResponse</c>.</summary>
    public static async Task<(string Message, string Nature, string? Code)> ReadOpenRosaResponseAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var document = await response.ReadXmlAsync(cancellationToken);
        Assert.Equal(ResponseNs + "OpenRosaResponse", document.Root!.Name);
        var message = document.Root.Element(ResponseNs + "message")!;
        return (message.Value, (string)message.Attribute("nature")!, (string?)document.Root.Element(ResponseNs + "problem")?.Attribute("code"));
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"No {name} header; status {(int)response.StatusCode}.");

    /// <summary>A body sent without Content-Length (chunked), as a streaming client would.</summary>
    public sealed class ChunkedContent(HttpContent inner) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public static ChunkedContent Of(MultipartFormDataContent multipart)
        {
            var chunked = new ChunkedContent(multipart);
            chunked.Headers.ContentType = multipart.Headers.ContentType;
            return chunked;
        }
    }
}
