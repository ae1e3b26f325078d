namespace Intake.Core.Places;

/// <summary>
/// Turns a place name into a comparison key: case, diacritics (Latin accents and Arabic vowel marks),
/// Arabic letter variants, punctuation and spacing are ignored, common abbreviations spelled out
/// ("W." = "West") and words that only name the kind of area ("State", "Province", "ولاية") dropped.
/// Applied the same way to the gazetteer's names and to what reporters type, so both meet in the middle.
/// </summary>
internal static class PlaceNameNormalizer
{
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["n"] = "north",
        ["s"] = "south",
        ["e"] = "east",
        ["w"] = "west",
        ["ne"] = "north east",
        ["nw"] = "north west",
        ["se"] = "south east",
        ["sw"] = "south west",
        ["c"] = "central",
        ["st"] = "saint",
        ["ste"] = "sainte",
        ["mt"] = "mount",
        ["ft"] = "fort",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Words naming the kind of area, after folding (so Arabic ة is already ه).
    private static readonly FrozenSet<string> AreaWords = new[]
    {
        "state", "province", "region", "governorate", "district", "department", "county", "prefecture",
        "territory", "division", "oblast", "wilaya", "wilayah", "provincia", "departamento", "estado",
        "etat", "departement", "gouvernorat", "mintaqa", "muhafazah",
        "ولايه", "محافظه", "اقليم", "منطقه", "مقاطعه",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The comparison key of <paramref name="name"/>; empty when nothing comparable is left.</summary>
    public static string Key(string name)
    {
        var folded = Fold(name);
        var tokens = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(tokens.Length);
        foreach (var token in tokens)
        {
            var word = Abbreviations.GetValueOrDefault(token, token);
            if (!AreaWords.Contains(word))
            {
                kept.Add(word);
            }
        }

        // "State" alone, or "Region" alone, is still a name: keep it rather than compare nothing.
        return kept.Count > 0 ? string.Join(' ', kept) : string.Join(' ', tokens.Select(t => Abbreviations.GetValueOrDefault(t, t)));
    }

    /// <summary>Lower case, no marks, Arabic letter variants folded, anything but letters and digits a space.</summary>
    private static string Fold(string name)
    {
        // Plain ASCII has nothing to decompose; most names typed on phones are.
        var decomposed = System.Text.Ascii.IsValid(name) ? name : name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || ch == '\u0640')
            {
                // Accents, Arabic harakat and the tatweel do not change a name.
                continue;
            }

            builder.Append(ch switch
            {
                'ا' or 'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ة' => 'ه',
                'ى' or 'ئ' => 'ي',
                'ؤ' => 'و',
                'ß' => 's',
                'ø' or 'Ø' => 'o',
                'ł' or 'Ł' => 'l',
                'đ' or 'Đ' => 'd',
                'ı' => 'i',
                _ when char.IsLetterOrDigit(ch) => char.ToLowerInvariant(ch),
                _ => ' ',
            });
        }

        return builder.ToString();
    }
}
