using System.Net;
using MailKit.Security;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// The SMTP relay digests are sent through, bound from the <c>Smtp</c> section (<c>Smtp__*</c>,
/// the names infra/app/function.bicep sets). With no <see cref="Host"/> the digests are written
/// to the outbox folder instead (<see cref="DigestOptions.OutboxPath"/>).
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Smtp";

    /// <summary>The relay's host name; empty means "write to the outbox".</summary>
    public string Host { get; set; } = "";

    /// <summary>The relay's port: 587 or 25 (STARTTLS, required) or 465 (TLS on connect).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The user name, if the relay wants one.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The password (a Key Vault reference in Azure). Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>The sender address used when <see cref="From"/> is empty (the outbox case).</summary>
    public const string DefaultFrom = "digest@intake.invalid";

    /// <summary>The sender address; required when <see cref="Host"/> is set.</summary>
    public string From { get; set; } = "";

    /// <summary>How the connection is secured; <see cref="SmtpSecurity.Auto"/> requires TLS except on loopback.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>
    /// The SHA-256 of the relay's certificate (hex, colons allowed). When set, that certificate and
    /// no other is accepted, for a relay whose certificate no public authority signs; when empty,
    /// the system's trust store decides.
    /// </summary>
    public string ServerCertificateSha256 { get; set; } = "";

    /// <summary>Upper bound on one delivery attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The sender to write: <see cref="From"/>, or <see cref="DefaultFrom"/> while it is empty.</summary>
    public string Sender => string.IsNullOrWhiteSpace(From) ? DefaultFrom : From.Trim();

    /// <summary>Whether a relay is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Whether the relay is on this machine, where nobody can listen on the wire.</summary>
    public bool IsLoopback => string.Equals(Host.Trim(), "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim(), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The pinned certificate hash without separators, upper case; empty when none is pinned.</summary>
    public string PinnedCertificateHash => ServerCertificateSha256.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    /// <summary>What MailKit is asked to do when it connects.</summary>
    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ when Port == 465 => SecureSocketOptions.SslOnConnect,
        _ when IsLoopback => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>Why these settings cannot be used, or null when they can.</summary>
    public string? Problem() =>
        !IsConfigured ? null
        : !System.Net.Mail.MailAddress.TryCreate(From, out _) ? "Smtp:From must be an e-mail address when Smtp:Host is set."
        : Security == SmtpSecurity.None && !IsLoopback ? "Smtp:Security None (plain text) is allowed only for a relay on loopback: the password and the e-mails would cross the network in clear."
        : PinnedCertificateHash.Length is not (0 or 64) || !PinnedCertificateHash.All(char.IsAsciiHexDigit) ? "Smtp:ServerCertificateSha256 must be 64 hexadecimal digits (the certificate's SHA-256)."
        : null;
}
