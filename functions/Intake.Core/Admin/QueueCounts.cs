namespace Intake.Core.Admin;

/// <summary>One work queue and its poison queue, with approximate message counts.</summary>
/// <param name="Name">The queue.</param>
/// <param name="ApproximateMessages">Messages waiting (storage's approximate count).</param>
/// <param name="PoisonQueue">The queue the runtime moves failed messages to.</param>
/// <param name="PoisonMessages">Messages in the poison queue.</param>
public sealed record QueueCounts(string Name, int ApproximateMessages, string PoisonQueue, int PoisonMessages);
