using System.Net;
using System.Net.Sockets;

namespace Intake.Core.Access;

/// <summary>
/// The client address a request is counted under for per-address limits. Never logged and never
/// stored: it is personal data, and lives only as a key of the in-memory limiters.
/// </summary>
internal static class ClientAddress
{
    /// <summary>
    /// The address, from the connection or, behind <paramref name="forwardedForHops"/> proxies, the
    /// <c>X-Forwarded-For</c> entry that many places from the right (entries further left are the
    /// client's own claims and are not trusted). An IPv6 address counts by its /64 network, the
    /// block one subscriber is given, so rotating addresses inside it does not reset a limit.
    /// </summary>
    public static string Of(HttpContext httpContext, int forwardedForHops)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        IPAddress? address = httpContext.Connection.RemoteIpAddress;
        if (forwardedForHops > 0)
        {
            var entries = httpContext.Request.Headers["X-Forwarded-For"].ToString()
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (entries.Length >= forwardedForHops && Parse(entries[^forwardedForHops]) is { } forwarded)
            {
                address = forwarded;
            }
        }

        return Key(address);
    }

    private static IPAddress? Parse(string entry) =>
        IPAddress.TryParse(entry, out var address) ? address
        : IPEndPoint.TryParse(entry, out var endPoint) ? endPoint.Address
        : null;

    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
