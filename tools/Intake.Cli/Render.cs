using System.Text.Json;

namespace Intake.Cli;

/// <summary>Tables and values as the CLI prints them.</summary>
internal static class Render
{
    /// <summary>A table of the given JSON objects' properties, in column order; <c>a.b</c> names a nested property.</summary>
    public static Table Table(JsonArray rows, params (string Header, string Property)[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, _) in columns)
        {
            table.AddColumn(header);
        }

        foreach (var row in rows.OfType<JsonObject>())
        {
            table.AddRow(columns.Select(c => Markup.Escape(Text(Path(row, c.Property)))).ToArray());
        }

        return table;
    }

    /// <summary>The value at a dotted property path (<c>received.reports</c>), null when any step is absent.</summary>
    public static JsonNode? Path(JsonNode? node, string path)
    {
        foreach (var name in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node;
    }

    /// <summary>A property value as text; arrays joined by commas, numbers to two decimals at most, absent as a dash.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "-",
        JsonArray array => string.Join(", ", array.Select(Text)),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) => number.ToString("0.##", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    /// <summary>A two-column table of an object's properties.</summary>
    public static Table Properties(JsonObject value)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Field").AddColumn("Value");
        foreach (var (name, node) in value)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(Text(node)));
        }

        return table;
    }

    /// <summary>An integer property, 0 when absent.</summary>
    public static int Int(JsonNode? node, string property) =>
        node?[property] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    /// <summary>A date option as the API expects it.</summary>
    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A UTC day argument, exactly <c>yyyy-MM-dd</c> (as the API takes it), with an error naming the bad value.</summary>
    public static Argument<DateOnly> DayArgument(string description) => new("date")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParseDay(text, out var day))
            {
                return day;
            }

            result.AddError(BadDay(text));
            return default;
        },
    };

    /// <summary>Parses exactly <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The error for a day argument that is not one.</summary>
    public static string BadDay(string text) => $"'{text}' is not a day: give the UTC day as yyyy-MM-dd, e.g. 2026-11-28.";
}
