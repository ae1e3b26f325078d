using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.OpenRosa.Encryption;
using Intake.Core.Problems;

namespace Intake.Core.Http;

/// <summary>The encrypted submissions API: what <c>intake decrypt</c> downloads to decrypt offline.</summary>
public static partial class ApiOperations
{
    /// <summary><c>GET /api/admin/reports/{id}/encrypted</c>.</summary>
    public static readonly ApiOperation AdminEncryptedSubmission = ApiOperation.Of<EncryptedSubmissionsApi>(
        nameof(AdminEncryptedSubmission), "GET", Routes.AdminEncryptedSubmission, RouteClass.Admin,
        "An encrypted OpenRosa submission as received: the manifest (base64) and the stored encrypted files it names, each downloadable by its SHA-256 (audited).",
        (api, request, ct) => api.GetAsync(request, ct)) with
    {
        Responses = [new(200, "The manifest and its files.", new ApiContent(Json, typeof(EncryptedSubmissionView)))],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.ReportNotFound],
    };

    private static IEnumerable<ApiOperation> EncryptionGroup => [AdminEncryptedSubmission];
}
