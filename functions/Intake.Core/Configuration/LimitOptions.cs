namespace Intake.Core.Configuration;

/// <summary>
/// Limits at the edge, bound from <c>Intake:Limits</c> (<c>Intake__Limits__*</c> app settings). Each
/// instance of a host keeps its own counters, so with N instances a client can at most reach N
/// times the per-minute limits; the attachment quota is kept in storage and holds across instances.
/// </summary>
public sealed class LimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Limits";

    /// <summary>Submissions (POSTs to routes other than admin routes) one token may make per minute, in bursts of up to this many.</summary>
    [Range(1, 10_000_000)]
    public int SubmissionsPerTokenPerMinute { get; set; } = 120;

    /// <summary>Submissions from one client address per minute, whatever the token: higher than per token, as an office or a mobile operator's NAT puts many devices behind one address.</summary>
    [Range(1, 10_000_000)]
    public int SubmissionsPerAddressPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests with a wrong credential (unknown, revoked, malformed; a missing one is not counted, as
    /// OpenRosa clients first ask without one) one client address may make per minute. Past it,
    /// the address's requests to routes that need a credential get <c>429</c> before any token is
    /// looked up, until the budget refills: guessing tokens costs the guesser, not storage.
    /// </summary>
    [Range(1, 10_000_000)]
    public int FailedCredentialsPerAddressPerMinute { get; set; } = 10;

    /// <summary>Attachment bytes one token may have stored per UTC day (OpenRosa media, encrypted or not).</summary>
    [Range(1_048_576, long.MaxValue)]
    public long AttachmentBytesPerTokenPerDay { get; set; } = 1L << 30;

    /// <summary>
    /// How many proxies in front of the host append to <c>X-Forwarded-For</c>: the client address is
    /// the entry that many places from the right. 0 (the default) uses the connection's address.
    /// </summary>
    [Range(0, 10)]
    public int ForwardedForHops { get; set; }
}
