namespace Intake.Core.Storage;

/// <summary>Where a report is in the pipeline, as the index row records it.</summary>
public static class ReportStatus
{
    /// <summary>Stored and indexed; waiting for (or between attempts of) processing.</summary>
    public const string Received = "received";

    /// <summary>Normalised and classified.</summary>
    public const string Processed = "processed";

    /// <summary>Processing failed on every attempt; the message is in the poison queue.</summary>
    public const string Failed = "failed";
}
