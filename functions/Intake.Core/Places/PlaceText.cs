namespace Intake.Core.Places;

/// <summary>
/// The stored and shown spelling of <see cref="PlaceMatch"/> and <see cref="PlaceFlags"/>: kebab case
/// (<c>exact</c>, <c>country-from-coordinates,null-island</c>), stable across renames of the C# members.
/// </summary>
internal static class PlaceText
{
    private static readonly FrozenDictionary<PlaceMatch, string> Methods = Enum.GetValues<PlaceMatch>()
        .ToFrozenDictionary(m => m, m => Kebab(m.ToString()));

    private static readonly FrozenDictionary<string, PlaceMatch> MethodsByText = Methods
        .ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    private static readonly (PlaceFlags Flag, string Text)[] FlagTexts = [.. Enum.GetValues<PlaceFlags>()
        .Where(f => f != PlaceFlags.None)
        .Select(f => (f, Kebab(f.ToString())))];

    /// <summary>The method as stored, for example <c>fuzzy</c>.</summary>
    public static string Method(PlaceMatch method) => Methods[method];

    /// <summary>A stored method back; an unknown text reads as <see cref="PlaceMatch.None"/>.</summary>
    public static PlaceMatch ParseMethod(string text) => MethodsByText.GetValueOrDefault(text, PlaceMatch.None);

    /// <summary>The flags as stored: comma-separated kebab-case names; empty for none.</summary>
    public static string Flags(PlaceFlags flags) =>
        string.Join(',', FlagTexts.Where(f => (flags & f.Flag) != 0).Select(f => f.Text));

    /// <summary>Stored flags back; unknown names are ignored.</summary>
    public static PlaceFlags ParseFlags(string? text)
    {
        var flags = PlaceFlags.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (flag, name) in FlagTexts)
            {
                if (name == part)
                {
                    flags |= flag;
                }
            }
        }

        return flags;
    }

    private static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
