namespace Intake.Core.Admin;

/// <summary>A report whose processing message is in the poison queue, with what the index knows of its failure.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="ReceivedOn">Its day of receipt (index partition).</param>
/// <param name="PoisonedAt">When the message landed in the poison queue.</param>
/// <param name="DequeueCount">How many deliveries failed before (the report's processing attempts).</param>
/// <param name="FirstTriedAt">When processing first failed.</param>
/// <param name="LastErrorAt">When the last error was recorded.</param>
/// <param name="LastError">The last error, without personal data.</param>
/// <param name="Status">The index row's status.</param>
public sealed record PoisonMessage(
    Guid ReportId,
    DateOnly ReceivedOn,
    DateTimeOffset? PoisonedAt,
    int DequeueCount,
    DateTimeOffset? FirstTriedAt,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    string? Status);
