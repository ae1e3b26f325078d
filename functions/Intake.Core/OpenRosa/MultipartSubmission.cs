using Intake.Core.Problems;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.OpenRosa;

/// <summary>
/// Reads an OpenRosa submission request (<c>multipart/form-data</c>: one <c>xml_submission_file</c>
/// part and attachment parts) with hard limits on the whole body, the XML part and each attachment.
/// The web form's submissions are read by the same code, with a <c>report</c> part (the JSON
/// report) in place of the XML part.
/// </summary>
internal static class MultipartSubmission
{
    /// <summary>The name of the instance part.</summary>
    public const string XmlPartName = "xml_submission_file";

    private const int MaxParts = 64;

    /// <summary>A read request: the upload, or the problem that stopped the reading.</summary>
    public sealed record Reading(OpenRosaUpload? Upload, Problem? Problem, string Detail);

    public static Task<Reading> ReadAsync(HttpRequest request, OpenRosaOptions limits, CancellationToken cancellationToken) =>
        ReadAsync(request, limits, XmlPartName, limits.MaxXmlBytes, cancellationToken);

    /// <summary>Reads a multipart request whose main part is <paramref name="mainPart"/> (at most <paramref name="mainPartLimit"/> bytes); every other part is a file.</summary>
    public static async Task<Reading> ReadAsync(HttpRequest request, OpenRosaOptions limits, string mainPart, int mainPartLimit, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(ProblemCatalog.MalformedMultipart, $"Send the submission as multipart/form-data with an {mainPart} part.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return Fail(ProblemCatalog.MalformedMultipart, "The multipart/form-data Content-Type has no valid boundary.");
        }

        if (request.ContentLength > limits.MaxRequestBytes)
        {
            return TooLarge(limits);
        }

        byte[]? xml = null;
        var files = new List<UploadedFile>();
        try
        {
            var reader = new MultipartReader(boundary, new BoundedReadStream(request.Body, limits.MaxRequestBytes))
            {
                HeadersCountLimit = 16,
                HeadersLengthLimit = 8 * 1024,
            };
            var parts = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (++parts > MaxParts)
                {
                    return Fail(ProblemCatalog.MalformedMultipart, $"A submission request may have at most {MaxParts} parts.");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase) || disposition.Name.Length == 0)
                {
                    return Fail(ProblemCatalog.MalformedMultipart, "Every part needs a 'Content-Disposition: form-data' header with a name.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                    ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                if (name == mainPart)
                {
                    if (xml is not null)
                    {
                        return Fail(ProblemCatalog.MalformedMultipart, $"The request has more than one {mainPart} part.");
                    }

                    xml = await ReadPartAsync(section.Body, mainPartLimit, cancellationToken).ConfigureAwait(false);
                    if (xml is null)
                    {
                        return Fail(ProblemCatalog.BodyTooLarge, $"The {mainPart} part must be at most {mainPartLimit} bytes.");
                    }

                    continue;
                }

                var partName = string.IsNullOrEmpty(fileName) ? name : fileName;
                var content = await ReadPartAsync(section.Body, limits.MaxAttachmentBytes, cancellationToken).ConfigureAwait(false);
                if (content is null)
                {
                    return Fail(ProblemCatalog.AttachmentTooLarge, $"Each attachment must be at most {limits.MaxAttachmentBytes} bytes. Nothing was stored.");
                }

                if (files.Any(f => f.FileName == partName))
                {
                    return Fail(ProblemCatalog.MalformedMultipart, "Two attachment parts have the same file name.");
                }

                files.Add(new UploadedFile(partName, section.ContentType, content));
            }
        }
        catch (RequestTooLargeException)
        {
            return TooLarge(limits);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            // Truncated bodies, missing boundaries, oversized part headers.
            return Fail(ProblemCatalog.MalformedMultipart, "The multipart/form-data body is malformed or truncated.");
        }

        return xml is null
            ? Fail(ProblemCatalog.MalformedMultipart, $"The request has no {mainPart} part.")
            : new Reading(new OpenRosaUpload(xml, files), null, "");
    }

    /// <summary>The bytes of a part, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadPartAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (copy.Length + read > limit)
            {
                // Drain the rest of the part so the caller can answer; the body bound still applies.
                while (await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                }

                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static Reading TooLarge(OpenRosaOptions limits) =>
        Fail(ProblemCatalog.BodyTooLarge, $"A submission request must be at most {limits.MaxRequestBytes} bytes; send the attachments over several requests.");

    private static Reading Fail(Problem problem, string detail) => new(null, problem, detail);
}
