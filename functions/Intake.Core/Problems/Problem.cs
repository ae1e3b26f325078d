namespace Intake.Core.Problems;

/// <summary>One entry of the problem catalogue: a stable code clients and tests can rely on.</summary>
/// <param name="Code">Stable, kebab-case; the last segment of the problem type URI.</param>
/// <param name="Status">The HTTP status it is answered with.</param>
/// <param name="Title">Short human-readable summary, the same for every occurrence.</param>
public sealed record Problem(string Code, int Status, string Title)
{
    /// <summary>The RFC 9457 <c>type</c> URI.</summary>
    public string Type => $"urn:intake:problem:{Code}";
}
