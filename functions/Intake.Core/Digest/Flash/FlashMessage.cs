using System.Globalization;
using System.Text;
using Intake.Core.Digest.Delivery;
using MimeKit;

namespace Intake.Core.Digest.Flash;

/// <summary>The flash e-mail: plain text, the same non-personal facts as the webhook body.</summary>
public static class FlashMessage
{
    /// <summary>The message of <paramref name="alert"/> for <paramref name="subscriber"/>.</summary>
    public static MimeMessage Build(FlashAlert alert, Subscriber subscriber, string from)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(subscriber);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(subscriber.Email));
        message.Subject = string.Create(CultureInfo.InvariantCulture, $"FLASH: {alert.Title} in {alert.Area}, {alert.Region}");
        message.Headers.Add("X-Intake-Flash", alert.FlashId.ToString("D"));
        message.Headers.Add(FlashSignature.DeliveryHeader, alert.DeliveryId.ToString("D"));
        // Names the outbox file; ids only, never the address.
        message.Headers.Add("X-Intake-Digest-File", string.Create(CultureInfo.InvariantCulture, $"flash-{alert.DeliveryId:N}"));
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Flash alert ({alert.Rule}): {alert.Title}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Where:     {alert.Area}, {alert.Region}")
            .AppendLine(CultureInfo.InvariantCulture, $"Occurred:  {alert.OccurredOn:yyyy-MM-dd}")
            .AppendLine(CultureInfo.InvariantCulture, $"Category:  {alert.Category} ({string.Join(", ", alert.RiskFactors)})")
            .AppendLine(CultureInfo.InvariantCulture, $"Severity:  {alert.Severity}; killed {alert.Killed}, injured {alert.Injured}")
            .AppendLine(CultureInfo.InvariantCulture, $"Source:    {alert.SourceType}")
            .AppendLine(CultureInfo.InvariantCulture, $"Report:    {alert.ReportId:D}")
            .AppendLine(CultureInfo.InvariantCulture, $"Raised at: {alert.RaisedAt:yyyy-MM-dd HH:mm:ss} UTC")
            .AppendLine()
            .AppendLine("One report, not yet corroborated: it is pushed now because it cannot wait for tomorrow's digest.")
            .AppendLine("Further reports on this area and rule are not flashed again for a few hours; the digest has them all.");
        message.Body = new TextPart("plain") { Text = text.ToString() };
        return message;
    }
}
