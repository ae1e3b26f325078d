using Intake.Core.Admin;
using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>Hands an encrypted submission's stored bytes to an admin who decrypts elsewhere (offline mode).</summary>
public sealed class EncryptedSubmissionsApi(RawSubmissionStore raw, AttachmentStore attachments, IOptionsMonitor<OpenRosaOptions> openRosa)
{
    /// <summary><c>GET /api/admin/reports/{id}/encrypted</c>.</summary>
    public async Task<ApiAnswer> GetAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var idText = request.Route("id");
        AuditNote.Attach(request.HttpContext, new { id = idText }, 0);
        if (!Guid.TryParseExact(idText, "D", out var reportId))
        {
            return AdminApi.Invalid("id", "Must be a report id (a UUID).");
        }

        var submission = await raw.GetAsync(reportId, cancellationToken).ConfigureAwait(false);
        if (submission is null || submission.Source != SubmissionSource.OpenRosa)
        {
            return NotEncrypted();
        }

        var bytes = (await raw.ReadAsync(reportId, cancellationToken).ConfigureAwait(false)).ToArray();
        XFormInstance instance;
        try
        {
            instance = XFormInstance.Parse(bytes, openRosa.CurrentValue.MaxXmlBytes);
        }
        catch (XmlException)
        {
            return NotEncrypted();
        }

        if (!instance.IsEncrypted || !SubmissionManifest.TryRead(instance, out var manifest, out _))
        {
            return NotEncrypted();
        }

        var stored = await attachments.ListAsync(reportId, cancellationToken).ConfigureAwait(false);
        var files = manifest.FilesInOrder.Where(stored.ContainsKey).Select(f => new EncryptedFileView(f, stored[f].Sha256, stored[f].Length)).ToList();
        AuditNote.Attach(request.HttpContext, new { id = idText }, 1);
        return ApiAnswer.JsonBody(200, new EncryptedSubmissionView(reportId, submission.ReceivedAt, Convert.ToBase64String(bytes), files))
            .WithHeader(HeaderNames.CacheControl, "no-store");
    }

    private static ApiAnswer NotEncrypted() =>
        ApiAnswer.FromProblem(ProblemCatalog.ReportNotFound, "No encrypted OpenRosa submission has this id.", [new FieldError("id", "Not an encrypted submission.")]);
}
