namespace Intake.Core.Digest;

/// <summary>One region (country) of a digest.</summary>
/// <param name="Region">ISO country code, or <c>unknown</c>.</param>
/// <param name="Received">Reports received on the day (what is new).</param>
/// <param name="Occurred">Incidents by occurrence date (what is happening).</param>
/// <param name="LateArrivals">Reports received on the day about earlier days.</param>
/// <param name="Notable">The most notable incidents received on the day.</param>
public sealed record RegionDigest(
    string Region,
    ReceivedCounts Received,
    OccurrenceTrend Occurred,
    LateArrivals LateArrivals,
    IReadOnlyList<NotableIncident> Notable);
