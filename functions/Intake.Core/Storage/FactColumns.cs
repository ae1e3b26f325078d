namespace Intake.Core.Storage;

/// <summary>
/// <see cref="ReportFacts"/> on an index row. <c>SharedWithPartners</c> is written on every processed
/// row, so a missing column means a row processed before consent was recorded: not shared.
/// </summary>
internal static class FactColumns
{
    /// <summary>The consent column, for storage filters.</summary>
    public const string SharedWithPartners = "SharedWithPartners";

    public static void Write(TableEntity entity, ReportFacts? facts)
    {
        if (facts is null)
        {
            return;
        }

        entity["OccurredAt"] = facts.OccurredAt;
        entity["OccurredDateOnly"] = facts.OccurredDateOnly;
        entity["Latitude"] = facts.Latitude;
        entity["Longitude"] = facts.Longitude;
        // Empty rather than absent, so that a forced reprocess clears what an earlier one set (a merge keeps absent columns).
        entity["AccuracyMeters"] = facts.AccuracyMeters ?? -1d;
        entity["Admin2"] = facts.Admin2 ?? "";
        entity["PlaceName"] = facts.PlaceName ?? "";
        entity["VictimGroups"] = string.Join(',', facts.VictimGroups);
        entity["Language"] = facts.Language ?? "";
        entity[SharedWithPartners] = facts.ShareWithPartners;
    }

    public static ReportFacts? Read(TableEntity entity)
    {
        if (entity.GetDateTimeOffset("OccurredAt") is not { } occurredAt || entity.GetDouble("Latitude") is not { } latitude || entity.GetDouble("Longitude") is not { } longitude)
        {
            return null;
        }

        return new ReportFacts(
            occurredAt,
            entity.GetBoolean("OccurredDateOnly") ?? false,
            latitude,
            longitude,
            entity.GetDouble("AccuracyMeters") is { } accuracy and >= 0 ? accuracy : null,
            Empty(entity.GetString("Admin2")),
            Empty(entity.GetString("PlaceName")),
            (entity.GetString("VictimGroups") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Empty(entity.GetString("Language")),
            entity.GetBoolean(SharedWithPartners) ?? false);
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
