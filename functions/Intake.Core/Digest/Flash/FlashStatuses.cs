namespace Intake.Core.Digest.Flash;

/// <summary>The states of a flash delivery.</summary>
public static class FlashStatuses
{
    /// <summary>Queued; not attempted yet.</summary>
    public const string Pending = "pending";

    /// <summary>The last attempt failed; another is scheduled.</summary>
    public const string Failed = "failed";

    /// <summary>Delivered (a 2xx answer, or accepted by the mail relay).</summary>
    public const string Delivered = "delivered";

    /// <summary>Retried for <see cref="FlashOptions.RetryFor"/> without success: dead-lettered, waits for an admin's redeliver.</summary>
    public const string Dead = "dead";

    /// <summary>Every status, for validating a filter.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Failed, Delivered, Dead];
}
