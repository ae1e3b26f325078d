using System.Text.Unicode;

namespace Intake.Core.OpenRosa;

/// <summary>
/// The attachment allow-list (images, audio, video, PDF) and content sniffing from magic bytes.
/// The type a client declares is never trusted alone: the bytes decide, and a declared type that
/// names another family than the bytes is a mismatch.
/// </summary>
internal static class AttachmentTypes
{
    /// <summary>What encrypted attachments are stored as: their bytes cannot be sniffed.</summary>
    public const string Encrypted = "application/octet-stream";

    /// <summary>What an ODK audit log (<c>meta/audit</c>, <c>audit.csv</c>) is stored as.</summary>
    public const string AuditLog = "text/csv";

    // Each family: the canonical type stored, then the declared types that mean the same bytes.
    private static readonly string[][] Families =
    [
        ["image/jpeg", "image/jpg", "image/pjpeg"],
        ["image/png"],
        ["image/gif"],
        ["image/webp"],
        ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"],
        ["image/avif"],
        ["audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg"],
        ["audio/ogg", "audio/opus", "video/ogg", "application/ogg"],
        ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"],
        ["audio/amr", "audio/amr-wb"],
        ["audio/aac", "audio/x-aac", "audio/aacp"],
        ["audio/flac", "audio/x-flac"],
        ["video/mp4", "audio/mp4", "audio/m4a", "audio/x-m4a", "video/3gpp", "audio/3gpp", "video/3gpp2", "audio/3gpp2", "video/quicktime", "video/x-m4v"],
        ["video/webm", "audio/webm", "video/x-matroska", "audio/x-matroska"],
        ["application/pdf", "application/x-pdf"],
    ];

    /// <summary>The allowed canonical types.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [.. Families.Select(f => f[0])];

    /// <summary>The canonical type the bytes show, or null when they are not an allowed kind.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (Ascii(content, 0, "GIF87a") || Ascii(content, 0, "GIF89a"))
        {
            return "image/gif";
        }

        if (Ascii(content, 0, "RIFF") && Ascii(content, 8, "WEBP"))
        {
            return "image/webp";
        }

        if (Ascii(content, 0, "RIFF") && Ascii(content, 8, "WAVE"))
        {
            return "audio/wav";
        }

        if (Ascii(content, 4, "ftyp") && content.Length >= 12)
        {
            var brand = Encoding.ASCII.GetString(content.Slice(8, 4));
            return brand switch
            {
                "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" => "image/heic",
                "avif" or "avis" => "image/avif",
                _ => "video/mp4",
            };
        }

        if (content.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        if (Ascii(content, 0, "OggS"))
        {
            return "audio/ogg";
        }

        if (Ascii(content, 0, "#!AMR"))
        {
            return "audio/amr";
        }

        if (Ascii(content, 0, "fLaC"))
        {
            return "audio/flac";
        }

        if (Ascii(content, 0, "%PDF-"))
        {
            return "application/pdf";
        }

        if (Ascii(content, 0, "ID3"))
        {
            return "audio/mpeg";
        }

        if (content.Length >= 2 && content[0] == 0xFF)
        {
            // ADTS AAC: sync word 0xFFF with layer 00; MPEG audio frame: sync 0xFFE with layer != 00.
            if ((content[1] & 0xF6) == 0xF0)
            {
                return "audio/aac";
            }

            if ((content[1] & 0xE0) == 0xE0 && (content[1] & 0x06) != 0)
            {
                return "audio/mpeg";
            }
        }

        return null;
    }

    /// <summary>
    /// True for a file the allow-list takes: an allowed kind by its bytes, or the instance's audit
    /// log (<c>meta/audit</c>) when it is text. Used for decrypted media, whose bytes are first seen
    /// at processing.
    /// </summary>
    public static bool IsAcceptable(string fileName, ReadOnlySpan<byte> content, XFormInstance instance) =>
        Sniff(content) is not null || (IsAuditLog(fileName, instance) && IsText(content));

    /// <summary>True when <paramref name="fileName"/> is the audit log the instance names in <c>meta/audit</c>.</summary>
    public static bool IsAuditLog(string fileName, XFormInstance instance) =>
        instance.AuditFileName is { } audit && string.Equals(audit, fileName, StringComparison.Ordinal);

    /// <summary>True for UTF-8 text without NUL or other control characters than tab, CR and LF.</summary>
    public static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.IndexOfAnyInRange((byte)0, (byte)8) >= 0 || content.IndexOfAnyInRange((byte)14, (byte)31) >= 0
            || content.IndexOf((byte)11) >= 0 || content.IndexOf((byte)12) >= 0 || content.IndexOf((byte)127) >= 0)
        {
            return false;
        }

        return Utf8.IsValid(content);
    }

    /// <summary>True when the declared type of an audit log is text or no real declaration.</summary>
    public static bool AgreesWithText(string? declared) =>
        Normalise(declared) is null or "application/octet-stream" or "binary/octet-stream" or "text/csv" or "text/plain" or "application/csv";

    /// <summary>
    /// True when a declared type agrees with the sniffed one: the same family, or no real
    /// declaration (absent or <c>application/octet-stream</c>, as some clients send).
    /// </summary>
    public static bool Agrees(string? declared, string sniffed)
    {
        var type = Normalise(declared);
        if (type is null or "application/octet-stream" or "binary/octet-stream")
        {
            return true;
        }

        var family = Families.FirstOrDefault(f => f[0] == sniffed);
        return family is not null && family.Contains(type, StringComparer.Ordinal);
    }

    /// <summary>The media type without parameters, lower case; null when absent.</summary>
    public static string? Normalise(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    private static bool Ascii(ReadOnlySpan<byte> content, int offset, string text)
    {
        if (content.Length < offset + text.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (content[offset + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }
}
