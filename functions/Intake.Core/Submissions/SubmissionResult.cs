namespace Intake.Core.Submissions;

/// <summary>How a submission ended.</summary>
public enum SubmissionResult
{
    /// <summary>New: stored durably, indexed and queued.</summary>
    Accepted,

    /// <summary>The same submission id with the same bytes was already stored; nothing new was written.</summary>
    Duplicate,

    /// <summary>The submission id is taken by different content; nothing was written.</summary>
    Conflict,

    /// <summary>The body is not JSON; nothing was written.</summary>
    Malformed,

    /// <summary>The body is JSON but not a valid report; nothing was written.</summary>
    Invalid,
}
