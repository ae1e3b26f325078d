namespace Intake.Core.Digest.Delivery;

/// <summary>Hands a digest e-mail on: to the SMTP relay, or to the outbox folder when none is configured.</summary>
public interface IDigestTransport
{
    /// <summary>A short name recorded in the delivery ledger (<c>smtp</c> or <c>outbox</c>).</summary>
    string Name { get; }

    /// <summary>Sends one message; throws when it could not.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
