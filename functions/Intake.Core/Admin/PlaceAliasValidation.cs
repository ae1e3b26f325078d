using Intake.Core.Places;
using Intake.Core.Reports;

namespace Intake.Core.Admin;

/// <summary>Checks an alias an admin sends before anything is stored: every bad field is named, never echoed.</summary>
internal static partial class PlaceAliasValidation
{
    /// <summary>The longest alias name (the store refuses longer ones too).</summary>
    public const int MaxNameLength = 100;

    /// <summary>What is wrong with the name and code; empty when they make an alias.</summary>
    public static IReadOnlyList<FieldError> Validate(string? name, string? code, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        var errors = new List<FieldError>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength || PlaceNameNormalizer.Key(trimmed).Length == 0)
        {
            errors.Add(new FieldError("name", $"Required: a place name with letters or digits, at most {MaxNameLength} characters."));
        }

        var upper = code?.Trim().ToUpperInvariant() ?? "";
        if (!SubdivisionCode().IsMatch(upper))
        {
            errors.Add(new FieldError("code", "Must be an ISO 3166-2 code such as SD-DW."));
        }
        else if (!gazetteer.Countries.ContainsKey(upper[..2]))
        {
            errors.Add(new FieldError("code", "Its first two letters are not an ISO 3166-1 country."));
        }
        else if (!gazetteer.Subdivisions.ContainsKey(upper))
        {
            errors.Add(new FieldError("code", "Not a first-level subdivision of its country in the gazetteer."));
        }

        return errors;
    }

    /// <summary>What is wrong with a country code in a path; null when the gazetteer knows it.</summary>
    public static FieldError? ValidateCountry(string? country, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        return country is { Length: 2 } && gazetteer.Countries.ContainsKey(country.ToUpperInvariant())
            ? null
            : new FieldError("country", "Must be an ISO 3166-1 alpha-2 country code such as SD.");
    }

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex SubdivisionCode();
}
