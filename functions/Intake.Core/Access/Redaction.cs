using System.Diagnostics.CodeAnalysis;

namespace Intake.Core.Access;

/// <summary>
/// Removes credentials and network addresses from text bound for telemetry: the <c>key/{token}/</c>
/// segment of path-token routes, anything shaped like one of Intake's tokens wherever it appears (a
/// URL's query, a message, a property), and IPv4 and IPv6 addresses (a client's address is personal
/// data, and Application Insights derives a city from it). Used by the Functions worker's telemetry
/// processor; the self-host writes no request lines at all.
/// </summary>
public static partial class Redaction
{
    /// <summary>What stands where a credential was.</summary>
    public const string Redacted = "REDACTED";

    /// <summary>What stands where an address was.</summary>
    public const string NoAddress = "0.0.0.0";

    /// <summary>The text without credentials or addresses; the same text when it has none.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = KeySegment().Replace(text, "${1}" + Redacted + "/");
        redacted = TokenShape().Replace(redacted, Redacted);
        redacted = IPv4().Replace(redacted, NoAddress);
        return IPv6().Replace(redacted, NoAddress);
    }

    /// <summary>True when <paramref name="text"/> holds something <see cref="Redact"/> would remove.</summary>
    public static bool HasSomethingToRedact(string? text) => !string.IsNullOrEmpty(text) && !string.Equals(Redact(text), text, StringComparison.Ordinal);

    // "/key/" then one path segment (escaped or not) up to the next slash, question mark or end.
    [GeneratedRegex(@"(/key/)(?!" + Redacted + @"/)[^/?#\s]+(/|(?=[?#\s])|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeySegment();

    // {prefix}.{16 hex}.{secret}, also URL-escaped (%2E for the dots).
    [GeneratedRegex(@"\bi[a-z]{2,8}(\.|%2e)[0-9a-f]{16}(\.|%2e)[A-Za-z0-9_\-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();

    // Four dotted numbers of up to three digits (a version number of that shape goes too: better than an address staying).
    [GeneratedRegex(@"(?<![\d.])(?!0\.0\.0\.0(?![\d.]))\d{1,3}(\.\d{1,3}){3}(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    // Hex groups joined by colons with at least two colons and one "::" or eight groups (times such as 10:04:59 have no hex letters or "::" and stay).
    [GeneratedRegex(@"(?<![0-9a-f:])(([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|([0-9a-f]{1,4}:){1,7}:([0-9a-f]{1,4}(:[0-9a-f]{1,4}){0,6})?|::([0-9a-f]{1,4}(:[0-9a-f]{1,4}){0,6}))(?![0-9a-f:])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IPv6();
}
