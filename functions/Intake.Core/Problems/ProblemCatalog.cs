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

    /// <summary>No digest was compiled for the day.</summary>
    public static readonly Problem DigestNotFound = new("digest-not-found", 404, "No digest for this day");

    /// <summary>No such flash-alert webhook.</summary>
    public static readonly Problem WebhookNotFound = new("webhook-not-found", 404, "No such webhook");

    /// <summary>No such flash-alert delivery.</summary>
    public static readonly Problem FlashDeliveryNotFound = new("flash-delivery-not-found", 404, "No such flash delivery");

    /// <summary>No such subscriber.</summary>
    public static readonly Problem SubscriberNotFound = new("subscriber-not-found", 404, "No such subscriber");

    /// <summary>No such place alias.</summary>
    public static readonly Problem AliasNotFound = new("alias-not-found", 404, "No such place alias");

    /// <summary>A place alias names no known subdivision, or has no name.</summary>
    public static readonly Problem InvalidAlias = new("invalid-alias", 422, "The place alias is not valid");

    /// <summary>No route has this path.</summary>
    public static readonly Problem RouteNotFound = new("route-not-found", 404, "No such route");

    /// <summary>The route exists but not with this method.</summary>
    public static readonly Problem MethodNotAllowed = new("method-not-allowed", 405, "The route does not take this method");

    /// <summary>The submission id is taken by other content.</summary>
    public static readonly Problem SubmissionConflict = new("submission-conflict", 409, "This submissionId is already taken");

    /// <summary>The body is larger than the limit.</summary>
    public static readonly Problem BodyTooLarge = new("body-too-large", 413, "The body is too large");

    /// <summary>The body is not JSON.</summary>
    public static readonly Problem UnsupportedMediaType = new("unsupported-media-type", 415, "The body must be application/json");

    /// <summary>The JSON is not a valid report.</summary>
    public static readonly Problem ValidationFailed = new("validation-failed", 422, "The report is not valid");

    /// <summary>Storage is unreachable; retry later.</summary>
    public static readonly Problem StorageUnavailable = new("storage-unavailable", 503, "Storage is unavailable; nothing was stored");

    /// <summary>Something failed that the request did not cause; the answer carries a correlation id for the logs, never the error.</summary>
    public static readonly Problem InternalError = new("internal-error", 500, "The request failed unexpectedly");

    /// <summary>An OpenRosa request without the <c>X-OpenRosa-Version</c> header.</summary>
    public static readonly Problem OpenRosaVersionMissing = new("openrosa-version-missing", 400, "The X-OpenRosa-Version header is required");

    /// <summary>The OpenRosa submission is not a readable multipart/form-data body.</summary>
    public static readonly Problem MalformedMultipart = new("malformed-multipart", 400, "The body is not valid multipart/form-data");

    /// <summary>The submission's XML is not well-formed, unsafe, or lacks <c>meta/instanceID</c>.</summary>
    public static readonly Problem MalformedXml = new("malformed-xml", 400, "The submission XML cannot be accepted");

    /// <summary>A field of the incident form appears twice, so the stored submission could be read two ways.</summary>
    public static readonly Problem DuplicateField = new("duplicate-field", 422, "A field is given more than once");

    /// <summary>An attachment's name cannot be stored.</summary>
    public static readonly Problem InvalidAttachmentName = new("invalid-attachment-name", 400, "An attachment's file name is not acceptable");

    /// <summary>No blank form with this id.</summary>
    public static readonly Problem FormNotFound = new("form-not-found", 404, "No such form");

    /// <summary>The instance id is taken by other XML, or a file name of the instance by other bytes.</summary>
    public static readonly Problem InstanceConflict = new("instance-conflict", 409, "This instanceID was already received with different content");

    /// <summary>One attachment is larger than its limit.</summary>
    public static readonly Problem AttachmentTooLarge = new("attachment-too-large", 413, "An attachment is too large");

    /// <summary>An attachment's bytes are not an allowed type.</summary>
    public static readonly Problem AttachmentTypeNotAllowed = new("attachment-type-not-allowed", 415, "An attachment is not an allowed type");

    /// <summary>An attachment's declared type disagrees with its bytes.</summary>
    public static readonly Problem AttachmentTypeMismatch = new("attachment-type-mismatch", 415, "An attachment's content does not match its declared type");

    /// <summary>An export filter names a country or category code that does not exist.</summary>
    public static readonly Problem UnknownFilterCode = new("unknown-filter-code", 422, "A filter names an unknown code");

    /// <summary>A partner asked for more than its token allows (another region, personal fields, another status).</summary>
    public static readonly Problem OutsidePartnerScope = new("outside-partner-scope", 403, "The partner token does not cover this export");

    /// <summary>The report has no attachment with this SHA-256.</summary>
    public static readonly Problem AttachmentNotFound = new("attachment-not-found", 404, "No such attachment");

    /// <summary>An encrypted submission does not have the shape of ODK's (manifest fields, file names, AES block sizes).</summary>
    public static readonly Problem EncryptedSubmissionMalformed = new("encrypted-submission-malformed", 422, "The encrypted submission does not have ODK's shape");

    /// <summary>No such campaign.</summary>
    public static readonly Problem CampaignNotFound = new("campaign-not-found", 404, "No such campaign");

    /// <summary>A campaign received as many reports today as its daily quota allows.</summary>
    public static readonly Problem CampaignQuotaExceeded = new("campaign-quota-exceeded", 429, "The campaign's daily quota of reports is used up");

    /// <summary>Too many requests from this token or address; <c>Retry-After</c> says when to send again.</summary>
    public static readonly Problem RateLimited = new("rate-limited", 429, "Too many requests; send again after the Retry-After interval");

    /// <summary>The token's attachment storage for the UTC day is used up; <c>Retry-After</c> says when the next day starts.</summary>
    public static readonly Problem QuotaExceeded = new("quota-exceeded", 429, "The token's daily attachment quota is used up");

    /// <summary>All problems, for documentation and tests.</summary>
    public static IReadOnlyList<Problem> All { get; } =
    [
        MalformedJson, InvalidParameter, CredentialRequired, CredentialInvalid, RoleRequired, TokenNotFound, ReportNotFound, RouteNotFound, MethodNotAllowed, SubmissionConflict, BodyTooLarge,
        UnsupportedMediaType, ValidationFailed, StorageUnavailable, InternalError, DigestNotFound, SubscriberNotFound,
        OpenRosaVersionMissing, MalformedMultipart, MalformedXml, InvalidAttachmentName, FormNotFound,
        InstanceConflict, AttachmentTooLarge, AttachmentTypeNotAllowed, AttachmentTypeMismatch, AliasNotFound, InvalidAlias, CampaignNotFound, CampaignQuotaExceeded,
        UnknownFilterCode, OutsidePartnerScope, AttachmentNotFound, EncryptedSubmissionMalformed, RateLimited, QuotaExceeded,
    ];
}
