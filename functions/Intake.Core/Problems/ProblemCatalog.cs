namespace Intake.Core.Problems;

/// <summary>Every problem the API can answer with. Statuses derive from here, in both hosts.</summary>
public static class ProblemCatalog
{
    /// <summary>The body is not well-formed JSON.</summary>
    public static readonly Problem MalformedJson = new("malformed-json", 400, "The body is not valid JSON");

    /// <summary>A path parameter is malformed.</summary>
    public static readonly Problem InvalidParameter = new("invalid-parameter", 400, "A request parameter is invalid");

    /// <summary>No credential was sent.</summary>
    public static readonly Problem CredentialRequired = new("credential-required", 401, "A credential is required");

    /// <summary>The credential is unknown, malformed, expired or revoked.</summary>
    public static readonly Problem CredentialInvalid = new("credential-invalid", 401, "The credential is not valid");

    /// <summary>The credential is valid but lacks the role the route needs.</summary>
    public static readonly Problem RoleRequired = new("role-required", 403, "The credential does not allow this operation");

    /// <summary>No such access token.</summary>
    public static readonly Problem TokenNotFound = new("token-not-found", 404, "No such access token");

    /// <summary>No such report.</summary>
    public static readonly Problem ReportNotFound = new("report-not-found", 404, "No such report");

    /// <summary>The submission id is taken by other content.</summary>
    public static readonly Problem SubmissionConflict = new("submission-conflict", 409, "This submissionId was already used for different content");

    /// <summary>The body is larger than the limit.</summary>
    public static readonly Problem BodyTooLarge = new("body-too-large", 413, "The body is too large");

    /// <summary>The body is not JSON.</summary>
    public static readonly Problem UnsupportedMediaType = new("unsupported-media-type", 415, "The body must be application/json");

    /// <summary>The JSON is not a valid report.</summary>
    public static readonly Problem ValidationFailed = new("validation-failed", 422, "The report is not valid");

    /// <summary>Storage is unreachable; retry later.</summary>
    public static readonly Problem StorageUnavailable = new("storage-unavailable", 503, "Storage is unavailable; nothing was stored");

    /// <summary>All problems, for documentation and tests.</summary>
    public static IReadOnlyList<Problem> All { get; } =
    [
        MalformedJson, InvalidParameter, CredentialRequired, CredentialInvalid, RoleRequired, TokenNotFound, ReportNotFound, SubmissionConflict, BodyTooLarge,
        UnsupportedMediaType, ValidationFailed, StorageUnavailable,
    ];
}
