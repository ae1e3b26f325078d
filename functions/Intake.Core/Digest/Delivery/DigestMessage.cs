using Intake.Core.Digest.Rendering;
using Intake.Core.Places;
using MimeKit.Utils;

namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Builds the e-mail of a digest for one subscriber: <c>multipart/alternative</c> with the
/// Markdown text first and the HTML second, the HTML in <c>multipart/related</c> with one PNG
/// chart per region referenced by <c>cid:</c>.
/// </summary>
internal static class DigestMessage
{
    /// <summary>
    /// The message for <paramref name="subscriber"/>, cut to the regions it follows and to what its
    /// audience may read (<see cref="PartnerView"/>), areas named in its language.
    /// </summary>
    public static MimeMessage Build(SituationDigest digest, DigestCompileRecord? record, Subscriber subscriber, string from, Gazetteer? gazetteer = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(subscriber);
        var mine = PartnerView.For(DigestSelection.ForRegions(digest, subscriber.Regions), subscriber.Audience);
        if (gazetteer is not null && !string.IsNullOrWhiteSpace(subscriber.Language))
        {
            mine = DigestSelection.Named(mine, code => gazetteer.NameOf(code, subscriber.Language));
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(subscriber.Email));
        var alerts = mine.Alerts.Count;
        message.Subject = string.Create(CultureInfo.InvariantCulture, $"Situation digest {mine.Day:yyyy-MM-dd}: {(mine.Quiet ? "quiet day" : alerts == 0 ? "no alerts" : DigestCompiler.AlertSummary(mine.Alerts))}");
        message.Headers.Add("X-Intake-Digest-Day", mine.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        // Names the outbox file; the subscriber id is not personal data, the address is.
        message.Headers.Add("X-Intake-Digest-File", string.Create(CultureInfo.InvariantCulture, $"{mine.Day:yyyy-MM-dd}-{subscriber.Id:N}"));

        var body = new BodyBuilder { TextBody = DigestMarkdown.Render(mine, record) };
        var cids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in mine.Regions)
        {
            var image = body.LinkedResources.Add(DigestArchive.ChartFile(region.Region), DigestChart.Render(region.Occurred), new ContentType("image", "png"));
            image.ContentId = MimeUtils.GenerateMessageId("intake.digest");
            image.Headers.Add(HeaderId.ContentDescription, DigestChart.AltText(region.Region, region.Occurred));
            cids[region.Region] = image.ContentId;
        }

        body.HtmlBody = DigestHtml.Render(mine, record, region => "cid:" + cids[region]);
        message.Body = body.ToMessageBody();
        return message;
    }
}
