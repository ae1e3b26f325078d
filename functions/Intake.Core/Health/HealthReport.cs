namespace Intake.Core.Health;

/// <summary>The answer of the health probe.</summary>
/// <param name="Status"><see cref="Healthy"/> or <see cref="Unhealthy"/>.</param>
/// <param name="Checks">Each storage service and its status.</param>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks)
{
    /// <summary>Everything answered.</summary>
    public const string Healthy = "healthy";

    /// <summary>Something did not answer in time.</summary>
    public const string Unhealthy = "unhealthy";

    /// <summary>True when healthy.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHealthy => Status == Healthy;
}
