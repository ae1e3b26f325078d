using System.ComponentModel.DataAnnotations;

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

    /// <summary>The relay's port: 587 (STARTTLS when offered), 465 (TLS) or 25.</summary>
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

    /// <summary>Upper bound on one delivery attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The sender to write: <see cref="From"/>, or <see cref="DefaultFrom"/> while it is empty.</summary>
    public string Sender => string.IsNullOrWhiteSpace(From) ? DefaultFrom : From.Trim();

    /// <summary>Whether a relay is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
