namespace Intake.PlacesBenchmark;

/// <summary>One input to resolve: a point, an optional stated country and optional admin1 text.</summary>
internal sealed record Sample(double Latitude, double Longitude, string? Country, string? Admin1);
