namespace Intake.Core.Digest.Alerts;

/// <summary>Whether an alert is news.</summary>
internal static class AlertStatuses
{
    /// <summary>Its rule and area did not fire in the previous <see cref="AlertRules.NewAfterDays"/> days.</summary>
    public const string New = "new";

    /// <summary>Its rule and area fired in the previous <see cref="AlertRules.NewAfterDays"/> days and still hold.</summary>
    public const string Ongoing = "ongoing";
}
