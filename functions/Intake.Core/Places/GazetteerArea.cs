namespace Intake.Core.Places;

/// <summary>A country (ISO 3166-1 alpha-2) or first-level subdivision (ISO 3166-2) of the gazetteer.</summary>
/// <param name="Code">The code, for example <c>SD</c> or <c>SD-DW</c>.</param>
/// <param name="Names">Its names in many languages; for each language the first is the display name.</param>
public sealed record GazetteerArea(string Code, IReadOnlyList<PlaceName> Names)
{
    /// <summary>The country part of the code.</summary>
    public string Country => Code[..2];

    /// <summary>
    /// The name in <paramref name="language"/> (a BCP 47 tag such as <c>fr</c> or <c>pt-BR</c>), else in English,
    /// else the ISO name. Never null: an area always has at least its ISO name.
    /// </summary>
    public string NameIn(string? language)
    {
        if (!string.IsNullOrWhiteSpace(language))
        {
            var primary = language.Split('-', '_')[0];
            if ((First(language) ?? First(primary)) is { } found)
            {
                return found;
            }
        }

        return First("en") ?? First("iso") ?? Names[0].Name;
    }

    private string? First(string language)
    {
        foreach (var name in Names)
        {
            if (string.Equals(name.Language, language, StringComparison.OrdinalIgnoreCase))
            {
                return name.Name;
            }
        }

        return null;
    }
}
