namespace Intake.Core.Digest;

/// <summary>A UN Framework of Analysis risk factor signalled by the day's reports.</summary>
/// <param name="Code">RF1 to RF14.</param>
/// <param name="Title">The framework's title.</param>
/// <param name="Reports">Reports whose category signals it.</param>
public sealed record RiskFactorCount(string Code, string Title, int Reports);
