namespace Intake.Core.OpenRosa;

/// <summary>How an OpenRosa submission request ended.</summary>
public enum OpenRosaResult
{
    /// <summary>A new instance: stored, indexed and queued (201).</summary>
    Created,

    /// <summary>A known instance with attachments not stored before; they are now (201).</summary>
    AttachmentsAdded,

    /// <summary>The same instance and nothing new: nothing written (202).</summary>
    AlreadyHave,

    /// <summary>The instance id is taken by other XML, or a file name by other bytes: nothing written (409).</summary>
    Conflict,

    /// <summary>The request is unusable (see <see cref="OpenRosaOutcome.Problem"/>): nothing written.</summary>
    Rejected,
}
