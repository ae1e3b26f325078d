namespace Intake.Core.Digest.Alerts;

/// <summary>Where a rule is tested.</summary>
internal static class AlertLevels
{
    /// <summary>Each (country, area): the default.</summary>
    public const string Area = "area";

    /// <summary>Each country as a whole.</summary>
    public const string Country = "country";
}
