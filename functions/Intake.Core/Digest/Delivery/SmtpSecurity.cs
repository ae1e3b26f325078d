namespace Intake.Core.Digest.Delivery;

/// <summary>How the connection to the SMTP relay is secured (setting <c>Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>
    /// Port 465: TLS on connect. Any other port: STARTTLS, required, so that an on-path attacker
    /// who strips the STARTTLS offer gets no password and no e-mail. A loopback relay only:
    /// STARTTLS when offered, plain text otherwise.
    /// </summary>
    Auto,

    /// <summary>STARTTLS, required: the connection stops if the relay does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>Plain text; allowed only for a loopback relay.</summary>
    None,
}
