using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Rendering;

namespace Intake.Core.Digest.Flash;

/// <summary>
/// The flash e-mail: plain text, the same non-personal facts as the webhook body. The area is
/// named in the subscriber's language where the gazetteer has it (as the digest does), with its code.
/// </summary>
public static class FlashMessage
{
    /// <summary>The message of <paramref name="alert"/> for <paramref name="subscriber"/>.</summary>
    /// <param name="alert">The flash, as delivered to webhooks.</param>
    /// <param name="subscriber">Who it goes to.</param>
    /// <param name="from">The sender address.</param>
    /// <param name="nameOf">The name of an ISO 3166-2 code in a language (BCP 47), or null; without it the body's English name is used.</param>
    public static MimeMessage Build(FlashAlert alert, Subscriber subscriber, string from, Func<string, string?, string?>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(subscriber);
        var place = alert.Place(alert.AreaName is null ? null : nameOf?.Invoke(alert.Area, subscriber.Language));
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(subscriber.Email));
        message.Subject = string.Create(CultureInfo.InvariantCulture, $"FLASH: {alert.Title} in {place}");
        message.Headers.Add("X-Intake-Flash", alert.FlashId.ToString("D"));
        message.Headers.Add(FlashSignature.DeliveryHeader, alert.DeliveryId.ToString("D"));
        // Names the outbox file; ids only, never the address.
        message.Headers.Add("X-Intake-Digest-File", string.Create(CultureInfo.InvariantCulture, $"flash-{alert.DeliveryId:N}"));
        var text = alert.Alert is { } area ? AreaText(alert, area, place) : ReportText(alert, place);
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private static string ReportText(FlashAlert alert, string place) => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"Flash alert ({alert.Rule}): {alert.Title}.")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Where:     {place}")
        .AppendLine(CultureInfo.InvariantCulture, $"Occurred:  {alert.OccurredOn:yyyy-MM-dd}")
        .AppendLine(CultureInfo.InvariantCulture, $"Category:  {alert.Category} ({string.Join(", ", alert.RiskFactors ?? [])})")
        .AppendLine(CultureInfo.InvariantCulture, $"Severity:  {alert.Severity}; killed {alert.Killed}, injured {alert.Injured}")
        .AppendLine(CultureInfo.InvariantCulture, $"Source:    {alert.SourceType}")
        .AppendLine(CultureInfo.InvariantCulture, $"Report:    {alert.ReportId:D}")
        .AppendLine(CultureInfo.InvariantCulture, $"Raised at: {alert.RaisedAt:yyyy-MM-dd HH:mm:ss} UTC")
        .AppendLine()
        .AppendLine("One report, not yet corroborated: it is pushed now because it cannot wait for tomorrow's digest.")
        .AppendLine("Further reports on this area and rule are not flashed again for a few hours; the digest has them all.")
        .ToString();

    private static string AreaText(FlashAlert alert, DigestAlert area, string place)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Flash alert ({alert.Rule}): {alert.Title}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Where:     {place}")
            .AppendLine(CultureInfo.InvariantCulture, $"What:      {area.Message}");
        if (alert.AlsoNew is { Count: > 0 } also)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Also new:  {string.Join(", ", also)} (in the digest)");
        }

        if (area.Evidence is { } e)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Test:      {AlertText.Test(e)}")
                .AppendLine(CultureInfo.InvariantCulture, $"Sources:   {AlertText.Sources(e)}")
                .AppendLine(CultureInfo.InvariantCulture, $"28 days:   {AlertText.Sparkline(e.Last28Days)}");
        }

        return text
            .AppendLine(CultureInfo.InvariantCulture, $"Raised at: {alert.RaisedAt:yyyy-MM-dd HH:mm:ss} UTC")
            .AppendLine()
            .AppendLine("A new area alert of today, as known at this minute: it is pushed now because it cannot wait for tomorrow's digest,")
            .AppendLine("which will show it with the whole day. It is not flashed again while it holds.")
            .ToString();
    }
}
