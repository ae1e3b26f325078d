using Intake.Core.Storage;

namespace Intake.Core.Configuration;

/// <summary>
/// The app settings that are not options classes: the timer schedules the trigger runtime reads
/// as <c>%Setting%</c>, with their defaults in code, and the settings without which the pipeline
/// cannot start. Options classes (<see cref="IntakeOptions"/> and the others) carry their own defaults.
/// </summary>
public static class IntakeSettings
{
    /// <summary>Defaults of the settings the trigger runtime resolves by name; a host adds them below every other source.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["DigestSchedule"] = Schedules.DefaultDigest,
        ["ReconcileSchedule"] = Schedules.DefaultReconcile,
        ["FlashSweepSchedule"] = Schedules.DefaultFlashSweep,
    };

    /// <summary>One line naming the first required setting that is missing; null when none is.</summary>
    public static string? FirstMissing(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return StorageAccount.IsConfigured(configuration)
            ? null
            : $"Missing setting {StorageAccount.SettingName}: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
              $"or set {StorageAccount.SettingName}__accountName for identity-based access.";
    }
}
