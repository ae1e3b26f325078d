using Intake.Core.Places;

namespace Intake.Core.Storage;

/// <summary>
/// The resolved place on an index row: <c>AreaCode</c> (what areas are counted by), <c>PlaceCountry</c>,
/// <c>Admin1Code</c>, <c>PlaceMethod</c>, <c>PlaceScore</c> and <c>PlaceFlags</c>. Always written as strings,
/// empty for none, so that a forced reprocess that resolves less clears what an earlier one set
/// (a merge leaves a property it is not given unchanged).
/// </summary>
internal static class PlaceColumns
{
    public static void Write(TableEntity entity, PlaceResolution? place)
    {
        if (place is null)
        {
            return;
        }

        entity["AreaCode"] = place.AreaCode ?? "";
        entity["PlaceCountry"] = place.Country ?? "";
        entity["Admin1Code"] = place.Admin1Code ?? "";
        entity["Admin1Name"] = place.Admin1Name ?? "";
        entity["PlaceMethod"] = PlaceText.Method(place.Method);
        entity["PlaceScore"] = place.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
        entity["PlaceFlags"] = PlaceText.Flags(place.Flags);
    }

    public static PlaceResolution? Read(TableEntity entity)
    {
        if (entity.GetString("PlaceMethod") is not { Length: > 0 } method)
        {
            return null;
        }

        return new PlaceResolution(
            Empty(entity.GetString("PlaceCountry")),
            Empty(entity.GetString("Admin1Code")),
            Empty(entity.GetString("Admin1Name")),
            PlaceText.ParseMethod(method),
            Empty(entity.GetString("PlaceScore")) is { } score ? double.Parse(score, CultureInfo.InvariantCulture) : null,
            PlaceText.ParseFlags(entity.GetString("PlaceFlags")));
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
