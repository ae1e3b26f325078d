namespace Intake.EndToEnd.Tests.Support;

/// <summary>One answer a <see cref="SubmissionStream"/> client got: a status, or the transport error it met instead.</summary>
public sealed record StreamAnswer(DateTimeOffset At, int? Status, TimeSpan Elapsed, bool HasRetryAfter, string? TransportError);
