namespace Intake.Core.Digest;

/// <summary>Incidents that occurred on one day.</summary>
public sealed record DayCount(DateOnly Day, int Incidents);
