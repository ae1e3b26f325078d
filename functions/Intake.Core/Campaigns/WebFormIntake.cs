using Intake.Core.Access;
using Intake.Core.OpenRosa;
using Intake.Core.Problems;
using Intake.Core.Storage;
using Intake.Core.Submissions;

namespace Intake.Core.Campaigns;

/// <summary>
/// Receives a report from a campaign's web form: the same JSON report as <c>POST /api/reports</c>
/// (the same validator, the same idempotency gate on <c>submissionId</c>) with up to
/// <see cref="MaxPhotos"/> photos, checked and stored like OpenRosa attachments. Every check
/// (photo count, names, sizes, sniffed types, the daily quota, the report itself) runs before the
/// first write, so a refused request stores nothing. The report's index row names the campaign.
/// </summary>
public sealed partial class WebFormIntake(
    ReportIntake reports,
    AttachmentIntake attachments,
    CampaignQuota quota,
    IOptionsMonitor<WebFormOptions> options,
    ILogger<WebFormIntake> logger)
{
    /// <summary>Most photos with one report.</summary>
    public const int MaxPhotos = 3;

    /// <summary>The multipart part that carries the JSON report.</summary>
    public const string ReportPart = "report";

    /// <summary>Handles one submission of a campaign's form.</summary>
    /// <exception cref="StorageUnavailableException">Storage failed; a resend is safe.</exception>
    public async Task<WebFormOutcome> SubmitAsync(ReadOnlyMemory<byte> report, IReadOnlyList<UploadedFile> photos, Caller campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.Campaign is not { } terms)
        {
            return WebFormOutcome.Refuse(ProblemCatalog.RoleRequired, "Only a campaign link's token submits through the web form.", "Authorization");
        }

        if (photos.Count > MaxPhotos)
        {
            return WebFormOutcome.Refuse(ProblemCatalog.MalformedMultipart, $"At most {MaxPhotos} photos go with one report.", "photos");
        }

        var checkedPhotos = new List<(StoredAttachment Attachment, ReadOnlyMemory<byte> Content)>();
        foreach (var photo in photos)
        {
            var (attachment, problem, detail) = AttachmentIntake.Check(photo, encrypted: false, options.CurrentValue.MaxPhotoBytes);
            if (problem is null && !attachment!.ContentType.StartsWith("image/", StringComparison.Ordinal))
            {
                (problem, detail) = (ProblemCatalog.AttachmentTypeNotAllowed, $"'{photo.FileName}' is not a photo. Nothing was stored.");
            }

            if (problem is not null)
            {
                return WebFormOutcome.Refuse(problem, detail, "photos");
            }

            checkedPhotos.Add((attachment!, photo.Content));
        }

        if (terms.DailyQuota > 0 && await quota.CountTodayAsync(campaign.Id, cancellationToken).ConfigureAwait(false) >= terms.DailyQuota)
        {
            LogQuotaReached(campaign.Id, terms.DailyQuota);
            var refusal = WebFormOutcome.Refuse(ProblemCatalog.CampaignQuotaExceeded, $"This link has taken its {terms.DailyQuota} reports for today. Nothing was stored; send again tomorrow (UTC).", "campaign");
            return refusal with { RetryAfter = quota.UntilTomorrow() };
        }

        var outcome = await reports.SubmitJsonAsync(
            report, SubmissionSource.WebForm, campaign.Id, campaign.Id,
            checkedPhotos.Count == 0 ? null : async (id, known, receivedAt, ct) => await attachments.AddAsync(id, checkedPhotos, known, receivedAt, ct).ConfigureAwait(false) >= 0,
            cancellationToken).ConfigureAwait(false);
        if (outcome.Result == SubmissionResult.Accepted)
        {
            await quota.CountAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
        }

        return new WebFormOutcome(outcome, null, "", []);
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Campaign {CampaignId} reached its daily quota of {DailyQuota}; refused a report")]
    private partial void LogQuotaReached(string campaignId, int dailyQuota);
}
