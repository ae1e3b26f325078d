namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// How the outage tests run their host: a short bound on each storage call a client waits for, and
/// a reconciler that finishes within seconds what an outage cut off after the blob write.
/// </summary>
internal static class OutageSettings
{
    /// <summary>The bound on one storage call a client waits for (Intake:StorageTimeout).</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// RELIABILITY's bound on an answer in an outage: the storage timeout for the blob write, one for
    /// indexing, and slack for a loaded 2-core machine.
    /// </summary>
    public static readonly TimeSpan AnswerBound = (2 * StorageTimeout) + TimeSpan.FromSeconds(3);

    /// <summary>The host settings.</summary>
    public static Dictionary<string, string?> Create() => new()
    {
        ["Intake:StorageTimeout"] = StorageTimeout.ToString(),
        ["ReconcileSchedule"] = "*/2 * * * * *",
        ["Intake:RedriveAfter"] = "00:00:02",
    };
}
