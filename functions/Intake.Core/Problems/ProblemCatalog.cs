namespace Intake.Core.Problems;

/// <summary>Every problem the API can answer with. Statuses derive from here, in both hosts.</summary>
public static class ProblemCatalog
{
    /// <summary>The body is not well-formed JSON.</summary>
    public static readonly Problem MalformedJson = new("malformed-json", 400, "The body is not valid JSON");

    /// <summary>A path parameter is malformed.</summary>
    public static readonly Problem InvalidParameter = new("invalid-parameter", 400, "A request parameter is invalid");

    /// <summary>No such report.</summary>
    public static readonly Problem ReportNotFound = new("report-not-found", 404, "No such report");

    /// <summary>No digest was compiled for the day.</summary>
    public static readonly Problem DigestNotFound = new("digest-not-found", 404, "No digest for this day");

    /// <summary>No such subscriber.</summary>
    public static readonly Problem SubscriberNotFound = new("subscriber-not-found", 404, "No such subscriber");

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
        MalformedJson, InvalidParameter, ReportNotFound, SubmissionConflict, BodyTooLarge,
        UnsupportedMediaType, ValidationFailed, StorageUnavailable, DigestNotFound, SubscriberNotFound,
    ];
}
