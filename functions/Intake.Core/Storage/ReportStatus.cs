namespace Intake.Core.Storage;

/// <summary>Where a report is in the pipeline, as the index row records it.</summary>
internal static class ReportStatus
{
    /// <summary>Stored and indexed; waiting for (or between attempts of) processing.</summary>
    public const string Received = "received";

    /// <summary>Normalised and classified.</summary>
    public const string Processed = "processed";

    /// <summary>Processing failed on every attempt; the message is in the poison queue.</summary>
    public const string Failed = "failed";

    /// <summary>
    /// A well-formed OpenRosa submission that does not map to a valid report: acknowledged and
    /// kept (a phone cannot fix a sent form); the index row lists the reasons for an admin.
    /// </summary>
    public const string NeedsReview = "needs-review";

    /// <summary>An encrypted OpenRosa submission, kept as received with its attachments; decrypted elsewhere.</summary>
    public const string Encrypted = "encrypted";

    /// <summary>True for a status the processor leaves alone unless forced.</summary>
    public static bool IsSettled(string status) => status is Processed or NeedsReview or Encrypted;
}
