using Intake.Core.Digest.Tally;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// Where rules are tested: one (country, area), or a country as a whole (<see cref="Area"/> null),
/// with its cells in a compact form the engine scans once per evaluated day.
/// </summary>
internal sealed class AlertUnit(string country, string? area)
{
    public string Country { get; } = country;

    public string? Area { get; } = area;

    public List<CompactCell> Cells { get; } = [];

    /// <summary>A tally cell reduced to day numbers and category indexes.</summary>
    internal sealed record CompactCell(int Received, int Occurred, (int Category, int Count)[] Categories, int Killed, TallyCell Source);
}
