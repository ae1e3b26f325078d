namespace Intake.Core.Reports;

/// <summary>Typed reads of JSON properties that record a <see cref="FieldError"/> instead of throwing.</summary>
internal sealed class FieldReader(List<FieldError> errors, string prefix = "")
{
    public FieldReader Under(string field) => new(errors, Path(field));

    public void Add(string field, string detail) => errors.Add(new FieldError(Path(field), detail));

    /// <summary>
    /// Records an error for each property of <paramref name="element"/> that the schema does not
    /// know, and for each property given twice: JSON parsers disagree on which of two equal keys
    /// wins, so stored evidence with both could be read two ways.
    /// </summary>
    public void RejectUnknown(JsonElement element, string scope, IReadOnlyCollection<string> known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!TryGetName(property, out var name))
            {
                errors.Add(new FieldError(Path(scope), "Has a property name that is not valid Unicode text."));
                continue;
            }

            var field = scope.Length == 0 ? name : $"{scope}.{name}";
            if (!known.Contains(name))
            {
                errors.Add(new FieldError(Path(field), "Is not a field of the report schema (v1)."));
            }
            else if (!seen.Add(name))
            {
                errors.Add(new FieldError(Path(field), "Is given more than once; give each field once, so that the stored report has one meaning."));
            }
        }
    }

    /// <summary>
    /// Reads a JSON string. JSON may escape a lone UTF-16 surrogate (<c>"\uD800"</c>), which no
    /// .NET string can hold as text: the reader throws, and such input is bad input, not a fault.
    /// </summary>
    public static bool TryGetText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    public string? String(JsonElement parent, string name, bool required, int maxLength, bool allowEmpty = false)
    {
        if (!TryGet(parent, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, "Must be a string.");
            return null;
        }

        if (!TryGetText(value, out var text))
        {
            Add(name, "Must be valid Unicode text (it holds an unpaired surrogate escape).");
            return null;
        }

        if (!allowEmpty && text.Trim().Length == 0)
        {
            Add(name, "Must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Add(name, $"Must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }

    public string? Enumerated(JsonElement parent, string name, FrozenSet<string> allowed, bool required)
    {
        var text = String(parent, name, required, maxLength: 64);
        if (text is not null && !allowed.Contains(text))
        {
            Add(name, $"Must be one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            return null;
        }

        return text;
    }

    public int? Integer(JsonElement parent, string name, bool required, int min, int max)
    {
        if (!TryGet(parent, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Add(name, "Must be a whole number.");
            return null;
        }

        if (number < min || number > max)
        {
            Add(name, $"Must be between {min} and {max}.");
            return null;
        }

        return (int)number;
    }

    public double? Number(JsonElement parent, string name, bool required, double min, double max)
    {
        if (!TryGet(parent, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Add(name, "Must be a number.");
            return null;
        }

        if (number < min || number > max)
        {
            Add(name, $"Must be between {min} and {max}.");
            return null;
        }

        return number;
    }

    public bool? Boolean(JsonElement parent, string name)
    {
        if (!TryGet(parent, name, required: true, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(name, "Must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    public JsonElement? Object(JsonElement parent, string name, bool required)
    {
        if (!TryGet(parent, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(name, "Must be an object.");
            return null;
        }

        return value;
    }

    private bool TryGet(JsonElement parent, string name, bool required, out JsonElement value)
    {
        if (parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Add(name, "Is required.");
        }

        return false;
    }

    private string Path(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
}
